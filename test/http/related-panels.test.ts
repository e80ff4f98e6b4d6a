import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { dialects, withAdmin } from '../helpers/test-db.js'

const setup = `
  create table author (id integer primary key, name text);
  insert into author values (1, 'few'), (2, 'many');
  create table book (id integer primary key, author_id integer references author(id));
  insert into book values (1, 1), (2, 1);
  insert into book select 100 + n, 2 from (select 1 as n union all select 2 union all select 3 union all select 4
    union all select 5 union all select 6 union all select 7 union all select 8 union all select 9 union all select 10
    union all select 11 union all select 12) as numbers;
`

describe('related-rows panels', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: count what the panel cannot show, and only then`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql)
      await withAdmin(dialect.name, { sql: setup, connect: { log } }, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        const s = fx.s
        const counts = () => queries.filter((q) => /count\(\*\)/.test(q)).length

        queries.length = 0
        const few = await (await admin.request(`/${s}/author/row/1`)).text()
        assert.match(few, />Books <span[^>]*>\(2\)</)
        assert.equal(counts(), 0, 'two rows need no count')

        queries.length = 0
        const many = await (await admin.request(`/${s}/author/row/2`)).text()
        assert.match(many, />Books <span[^>]*>\(12\)</)
        assert.equal(counts(), 1, 'more rows than shown are counted')
      })
    })
  }
})
