import assert from 'node:assert/strict'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { dialects, type TestDb } from '../helpers/test-db.js'

// `big` is past the count cap (10,000), so it shows the planner's estimate; the others are counted.
const setupSql = {
  sqlite: `
    create table big (id integer primary key, n integer);
    with recursive s(n) as (select 1 union all select n + 1 from s where n < 20000) insert into big select n, n from s;
    create table small (id integer primary key, name text);
    insert into small values (1, 'a'), (2, 'b'), (3, 'c');
    create table empty (id integer primary key);
    create view small_view as select id, name from small;
    analyze;`,
  postgres: `
    create table big (id integer primary key, n integer);
    insert into big select n, n from generate_series(1, 20000) as n;
    create table small (id integer primary key, name text);
    insert into small values (1, 'a'), (2, 'b'), (3, 'c');
    create table empty (id integer primary key);
    create view small_view as select id, name from small;
    analyze;`,
}

/**
 * Driver calls (round trips on Postgres) the index makes, the same on both dialects: one catalog query for every
 * estimate, one statement counting the rest (on Postgres with its timeout set in the same call), one for the
 * recent actions when audited.
 */
const expected = { counted: 2, estimatesOnly: 1, audited: 3 }

const auditTarget = {
  sqlite: (url: string) => join(dirname(url.replace(/^sqlite:/, '')), 'audit.db'),
  postgres: () => 'steward.audit_log',
}

for (const dialect of dialects) {
  describe(`the index's statements on ${dialect.name}`, () => {
    let testDb: TestDb
    let connection: Connection
    let schema: SchemaMetadata
    let statements: string[] = []
    before(async () => {
      testDb = await dialect.create(setupSql[dialect.name])
      connection = await connect(testDb.url, { log: (event: LogEvent) => void statements.push(event.query.sql) })
      schema = await connection.dialect.introspect(connection.db)
    })
    after(async () => {
      await connection?.close()
      await testDb?.drop()
    })

    /** The index's HTML and the statements it ran, after a first request has done any setting up. */
    const index = async (options: Omit<Parameters<typeof createAdmin>[0], 'db' | 'checkDrift'>) => {
      const app = createAdmin({ db: connection.db, checkDrift: false, ...options })
      assert.equal((await app.request('/')).status, 200)
      statements = []
      const res = await app.request('/')
      assert.equal(res.status, 200)
      return { html: await res.text(), ran: statements.map((text) => text.replace(/\s+/g, ' ').trim()) }
    }

    it('counts every table and view in one statement beside the estimates, the same counts as before', async () => {
      const { html, ran } = await index({ schema })
      assert.equal(ran.length, expected.counted, ran.join('\n'))
      const counts = Object.fromEntries(
        [
          ...html.matchAll(/<a href="[^"]*\/(\w+)\/">[\s\S]*?<td class="[^"]*tabular-nums" title="([^"]*)">([^<]*)</g),
        ].map((m) => [m[1], `${m[3]} (${m[2]})`]),
      )
      assert.deepEqual(counts, {
        big: '~20k (estimated by the database)',
        empty: '0 (exact)',
        small: '3 (exact)',
        small_view: '3 (exact)',
      })
    })

    it('opens no transaction that runs nothing', async () => {
      for (const options of [
        { schema },
        { schema: { ...schema, tables: schema.tables.filter((t) => t.name === 'big') } },
      ]) {
        const { ran } = await index(options)
        // A call may carry several statements (Postgres's simple protocol): `begin; select set_config(…)`.
        const statements = ran.flatMap((text) => text.split(/;\s*/)).filter(Boolean)
        for (const [i, text] of statements.entries()) {
          if (!/^(begin|start transaction)\b/.test(text)) continue
          const inside = statements.slice(i + 1, statements.indexOf('commit', i))
          assert.ok(
            inside.some((statement) => !/set_config\(/.test(statement)),
            ran.join('\n'),
          )
        }
      }
    })

    it('reads only the estimates when every table is past the cap', async () => {
      const { ran } = await index({ schema: { ...schema, tables: schema.tables.filter((t) => t.name === 'big') } })
      assert.equal(ran.length, expected.estimatesOnly, ran.join('\n'))
    })

    it('reads the recent actions in one more statement', async () => {
      const { html, ran } = await index({ schema, audit: { target: auditTarget[dialect.name](testDb.url) } })
      assert.ok(html.includes('Recent actions'))
      assert.equal(ran.length, expected.audited, ran.join('\n'))
    })
  })
}

// A view that fails when read: SQLite's loses its table after introspection, Postgres's divides by zero in its filter.
const brokenSql = {
  sqlite: {
    setup: `create table small (id integer primary key); insert into small values (1), (2), (3);
      create table doomed (x integer); create view broken as select x from doomed;`,
    after: 'drop table doomed',
  },
  postgres: {
    setup: `create table small (id integer primary key); insert into small values (1), (2), (3);
      create view broken as select id from small where 1 / (id - id) = 1;`,
    after: '',
  },
}

for (const dialect of dialects) {
  it(`on ${dialect.name}, a view that cannot be counted shows "?" and the other tables their counts`, async () => {
    const testDb = await dialect.create(brokenSql[dialect.name].setup)
    const connection = await connect(testDb.url)
    try {
      const schema = await connection.dialect.introspect(connection.db)
      if (brokenSql[dialect.name].after) await testDb.exec(brokenSql[dialect.name].after)
      const res = await createAdmin({ db: connection.db, schema, checkDrift: false }).request('/')
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.match(html, /\/small\/">[\s\S]*?title="exact">3</)
      assert.match(html, /\/broken\/">[\s\S]*?title="could not be counted">\?</)
    } finally {
      await connection.close()
      await testDb.drop()
    }
  })
}
