import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { dialects, withAdmin } from '../helpers/test-db.js'

/** Where a statement timeout is set, in the one transaction the list page is read in (SQLite has none). */
const timesStatements = { postgres: true, sqlite: false } as const

const setup = `
  create table author (id integer primary key, name text);
  insert into author values (1, 'b'), (2, 'A'), (3, 'c'), (4, null);
  create table book (id integer primary key, author_id integer references author(id));
  insert into book values (1, 1);
`

const choiceLabels = (html: string) => {
  const select = /<select[^>]*name="f\.author_id"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? ''
  return [...select.matchAll(/<option value="[^"]*"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1])
}
const isChoiceRead = (q: string) => /from "[^"]+"\."author"\s+limit/.test(q)

describe('a foreign-key filter of a small table', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: offers its rows sorted by label, read without sorting the table in SQL`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql)
      await withAdmin(dialect.name, { sql: setup, connect: { log } }, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        queries.length = 0
        const html = await (await admin.request(`/${fx.s}/book/`)).text()
        assert.deepEqual(choiceLabels(html), ['Any', 'A', 'b', 'c', 'NULL'])
        const choices = queries.find(isChoiceRead)
        assert.ok(choices, 'the choices are read with a plain limit')
        assert.doesNotMatch(choices, /order by/i)
        if (timesStatements[dialect.name]) {
          // A table never analysed is counted (capped) once a minute to know whether it is big: a timed statement of
          // its own, before the page's transaction.
          const timeouts = queries.filter((q) => /statement_timeout/.test(q) && !/\) capped\b/.test(q))
          assert.equal(timeouts.length, 1, 'the list page is read in one timed transaction')
          assert.ok(queries.indexOf(timeouts[0]!) < queries.indexOf(choices), 'the choices are read in it')
        }
      })
    })
  }
})

describe('foreign-key filter choices on the next list page', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: come from the admin's cache, not from another read of the referenced table`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql)
      await withAdmin(dialect.name, { sql: setup, connect: { log } }, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        const choiceReads = () => queries.filter(isChoiceRead).length
        queries.length = 0
        assert.deepEqual(choiceLabels(await (await admin.request(`/${fx.s}/book/`)).text()), [
          'Any',
          'A',
          'b',
          'c',
          'NULL',
        ])
        assert.equal(choiceReads(), 1)
        const before = queries.length
        const html = await (await admin.request(`/${fx.s}/book/?f.author_id=1`)).text()
        assert.deepEqual(choiceLabels(html), ['Any', 'A', 'b', 'c', 'NULL'], 'the same choices')
        assert.equal(choiceReads(), 1, 'no second read of the choices')
        assert.ok(queries.length > before, 'the list itself is read again')
        assert.match(html, />Author = b</, 'the active filter is labelled from the live table')
      })
    })
  }
})

describe('the label of a foreign key value filtered on', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: comes with the rows' labels when a row shows it, else is read on its own`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql)
      await withAdmin(dialect.name, { sql: setup, connect: { log } }, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        const labelReads = () => queries.filter((q) => /from "[^"]+"\."author" where/.test(q)).length
        await (await admin.request(`/${fx.s}/book/`)).text()
        queries.length = 0
        const shown = await (await admin.request(`/${fx.s}/book/?f.author_id=1`)).text()
        assert.match(shown, />Author = b</)
        assert.equal(labelReads(), 1, 'one read labels the rows and the filter')
        queries.length = 0
        // No book of author 2: no row brings the label, so it is read for the filter.
        const none = await (await admin.request(`/${fx.s}/book/?f.author_id=2`)).text()
        assert.match(none, />Author = A</)
        assert.equal(labelReads(), 1)
      })
    })
  }
})
