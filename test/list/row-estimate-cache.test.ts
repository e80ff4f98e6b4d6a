import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { connect } from '../../src/db/connect.js'
import { createRowEstimateCache } from '../../src/list/row-estimate-cache.js'
import { dialects } from '../helpers/test-db.js'

// `entries` is created after the analyze: the planner has no estimate of it (SQLite: no sqlite_stat1 row; Postgres
// 14+: reltuples -1, which its primary key's index, built empty, leaves so).
const setup = `create table orders (id integer primary key, note text);
  insert into orders values (1, 'a'), (2, 'b'), (3, 'c');
  analyze;
  create table entries (id integer primary key, note text);
  insert into entries values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e');
  create view entry_notes as select note from entries;`

for (const dialect of dialects) {
  describe(`the row estimate cache on ${dialect.name}`, () => {
    it('reads every estimate in one statement once per ttl, shared by concurrent callers', async () => {
      const testDb = await dialect.create(setup)
      let statements = 0
      const connection = await connect(testDb.url, { log: (_event: LogEvent) => void statements++ })
      try {
        let now = 0
        const cache = createRowEstimateCache({ ttlMs: 1000, now: () => now })
        const orders = { schema: connection.dialect.defaultSchema, name: 'orders' }
        const estimateOf = () => cache.estimateOf(connection.db, connection.dialect, orders)
        statements = 0
        assert.deepEqual(await Promise.all([estimateOf(), estimateOf(), estimateOf()]), [3, 3, 3])
        const missing = { schema: connection.dialect.defaultSchema, name: 'missing' }
        assert.equal(await cache.estimateOf(connection.db, connection.dialect, missing), undefined)
        assert.equal(statements, 1)
        now = 1001
        await estimateOf()
        assert.equal(statements, 2)
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })

    it('counts a table never analysed once per ttl, capped past the threshold; an analysed table or a view never', async () => {
      const testDb = await dialect.create(setup)
      const counts: string[] = []
      const log = (event: LogEvent) => {
        if (/count\(\*\)/.test(event.query.sql)) counts.push(event.query.sql)
      }
      const connection = await connect(testDb.url, { log })
      try {
        let now = 0
        const cache = createRowEstimateCache({ ttlMs: 1000, now: () => now })
        const table = (name: string, type: 'table' | 'view' = 'table') => ({
          schema: connection.dialect.defaultSchema,
          name,
          type,
        })
        const sizeOf = (name: string, threshold: number, type?: 'view') =>
          cache.sizeOf(connection.db, connection.dialect, table(name, type), { threshold, timeoutMs: 60_000 })
        // Five rows: big past 4, not at 5.
        const big = { estimate: undefined, big: true }
        assert.deepEqual(await Promise.all([sizeOf('entries', 3), sizeOf('entries', 3), sizeOf('entries', 4)]), [
          big,
          big,
          big,
        ])
        assert.equal(counts.length, 2, 'one count per threshold, shared by concurrent callers')
        assert.match(counts[0]!, /limit 4\b/)
        assert.match(counts[1]!, /limit 5\b/)
        assert.deepEqual(await sizeOf('entries', 5), { estimate: undefined, big: false })
        assert.deepEqual(await sizeOf('entries', 3), big)
        assert.equal(counts.length, 3, 'kept for the ttl')
        assert.deepEqual(await sizeOf('orders', 2), { estimate: 3, big: true })
        assert.deepEqual(await sizeOf('orders', 3), { estimate: 3, big: false })
        assert.deepEqual(await sizeOf('entry_notes', 0, 'view'), { estimate: undefined, big: false })
        assert.equal(counts.length, 3, 'the estimate decides; a view is never counted')
        now = 1001
        assert.deepEqual(await sizeOf('entries', 3), big)
        assert.equal(counts.length, 4, 'counted again after the ttl')
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })
  })
}

describe('the row estimate cache when the catalog cannot be read (Postgres)', () => {
  it('answers "no estimate" and reads again next time', async () => {
    const postgres = dialects.find((d) => d.name === 'postgres')!
    const testDb = await postgres.create(setup)
    const closed = await connect(testDb.url)
    await closed.close()
    const connection = await connect(testDb.url)
    try {
      const cache = createRowEstimateCache({ ttlMs: 60_000, now: () => 0 })
      const orders = { schema: 'public', name: 'orders' }
      assert.equal(await cache.estimateOf(closed.db, closed.dialect, orders), undefined)
      assert.equal(await cache.estimateOf(connection.db, connection.dialect, orders), 3)
      // A count that fails is not kept: until it can be read the table is taken to be big.
      const entries = { schema: 'public', name: 'entries', type: 'table' } as const
      const options = { threshold: 10, timeoutMs: 60_000 }
      assert.deepEqual(await cache.sizeOf(closed.db, closed.dialect, entries, options), {
        estimate: undefined,
        big: true,
      })
      assert.deepEqual(await cache.sizeOf(connection.db, connection.dialect, entries, options), {
        estimate: undefined,
        big: false,
      })
    } finally {
      await connection.close()
      await testDb.drop()
    }
  })
})
