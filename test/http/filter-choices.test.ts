import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { connect } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects } from '../helpers/test-db.js'

/** Where a statement timeout is set, in the one transaction the list page is read in (SQLite has none). */
const timesStatements = { postgres: true, sqlite: false } as const

const setup = `
  create table author (id integer primary key, name text);
  insert into author values (1, 'b'), (2, 'A'), (3, 'c'), (4, null);
  create table book (id integer primary key, author_id integer references author(id));
  insert into book values (1, 1);
`

describe('a foreign-key filter of a small table', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: offers its rows sorted by label, read without sorting the table in SQL`, async () => {
      const testDb = await dialect.create(setup)
      const queries: string[] = []
      const connection = await connect(testDb.url, { log: (event: LogEvent) => void queries.push(event.query.sql) })
      try {
        const schema = await connection.dialect.introspect(connection.db)
        const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' })
        queries.length = 0
        const html = await (await admin.request(`/${connection.dialect.defaultSchema}/book/`)).text()
        const select = /<select[^>]*name="f\.author_id"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? ''
        const labels = [...select.matchAll(/<option value="[^"]*"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1])
        assert.deepEqual(labels, ['Any', 'A', 'b', 'c', 'NULL'])
        const choices = queries.find((q) => /from "[^"]+"\."author"\s+limit/.test(q))
        assert.ok(choices, 'the choices are read with a plain limit')
        assert.doesNotMatch(choices, /order by/i)
        if (timesStatements[dialect.name]) {
          const timeouts = queries.filter((q) => /statement_timeout/.test(q))
          assert.equal(timeouts.length, 1, 'the list page is read in one timed transaction')
          assert.ok(queries.indexOf(timeouts[0]!) < queries.indexOf(choices), 'the choices are read in it')
        }
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })
  }
})

describe('foreign-key filter choices on the next list page', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: come from the admin's cache, not from another read of the referenced table`, async () => {
      const testDb = await dialect.create(setup)
      const queries: string[] = []
      const connection = await connect(testDb.url, { log: (event: LogEvent) => void queries.push(event.query.sql) })
      try {
        const schema = await connection.dialect.introspect(connection.db)
        const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' })
        const s = connection.dialect.defaultSchema
        const choiceReads = () => queries.filter((q) => /from "[^"]+"\."author"\s+limit/.test(q)).length
        const labels = (html: string) => {
          const select = /<select[^>]*name="f\.author_id"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? ''
          return [...select.matchAll(/<option value="[^"]*"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1])
        }
        queries.length = 0
        assert.deepEqual(labels(await (await admin.request(`/${s}/book/`)).text()), ['Any', 'A', 'b', 'c', 'NULL'])
        assert.equal(choiceReads(), 1)
        const before = queries.length
        const html = await (await admin.request(`/${s}/book/?f.author_id=1`)).text()
        assert.deepEqual(labels(html), ['Any', 'A', 'b', 'c', 'NULL'], 'the same choices')
        assert.equal(choiceReads(), 1, 'no second read of the choices')
        assert.ok(queries.length > before, 'the list itself is read again')
        assert.match(html, />Author = b</, 'the active filter is labelled from the live table')
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })
  }
})
