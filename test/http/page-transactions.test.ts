import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import type { DialectName } from '../../src/introspect/metadata.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table author (id integer primary key, name text);
  insert into author values (1, 'Ann'), (2, 'Bob');
  create table book (id integer primary key, title text, author_id integer references author(id));
  insert into book values (1, 'Ann''s first', 1), (2, 'Ann''s second', 1), (3, 'Bob''s', 2);
  create table review (id integer primary key, book_id integer references book(id), stars integer);
  insert into review values (1, 1, 5), (2, 3, 4);`

/**
 * Transactions a page opens, per dialect: on Postgres each page's reads share one timed transaction (the record,
 * its related rows and its neighbours; every table a search reads); SQLite has no statement timeout to set, and
 * its reads run one after another on its one connection.
 */
const transactions: Record<DialectName, number> = { sqlite: 0, postgres: 1 }

/** A call's statements: `begin; select set_config(…)` is one call (one round trip) of two. */
const statementsOf = (calls: readonly string[]) =>
  calls.flatMap((text) => text.replace(/\s+/g, ' ').split(/;\s*/)).filter(Boolean)

for (const dialect of dialects) {
  describe(`the transactions of a page on ${dialect.name}`, () => {
    let calls: string[] = []
    const log = (event: LogEvent) => void calls.push(event.query.sql)
    const fx = suiteFixture(() => openAdminDb(dialect.name, { sql: setup, connect: { log } }))
    const pages = () => ({
      list: `/${fx.s}/book/`,
      'list filtered by a foreign key': `/${fx.s}/book/?f.author_id=1`,
      detail: `/${fx.s}/book/row/1`,
      'detail with a back link': `/${fx.s}/book/row/2?back=${encodeURIComponent('sort=-title')}`,
      'search across tables': '/search?q=ann',
    })

    it('opens one transaction per page where it sets a timeout, none that runs nothing, and ends each', async () => {
      const admin = fx.admin({ secret: 'test' })
      for (const [name, path] of Object.entries(pages())) {
        await (await admin.request(path)).arrayBuffer()
        calls = []
        const res = await admin.request(path)
        assert.equal(res.status, 200, name)
        await res.arrayBuffer()
        const statements = statementsOf(calls)
        const begins = statements.flatMap((text, i) => (/^begin\b/i.test(text) ? [i] : []))
        assert.equal(begins.length, transactions[dialect.name], `${name}:\n${statements.join('\n')}`)
        for (const i of begins) {
          const end = statements.findIndex((text, j) => j > i && /^(commit|rollback)$/i.test(text))
          assert.ok(end > i, `${name}: the transaction ends`)
          const inside = statements.slice(i + 1, end)
          assert.ok(
            inside.some((text) => !/set_config\(/.test(text)),
            `${name}: the transaction runs something`,
          )
        }
      }
    })
  })
}
