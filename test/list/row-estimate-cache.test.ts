import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { connect } from '../../src/db/connect.js'
import { createRowEstimateCache } from '../../src/list/row-estimate-cache.js'
import { dialects } from '../helpers/test-db.js'

const setup = `create table orders (id integer primary key, note text);
  insert into orders values (1, 'a'), (2, 'b'), (3, 'c');
  analyze;`

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
    } finally {
      await connection.close()
      await testDb.drop()
    }
  })
})
