import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { dialects, withAdmin } from '../helpers/test-db.js'

const setup = `
  create table author (id integer primary key, name text);
  insert into author values (1, 'b'), (2, 'A'), (3, 'c'), (4, null);
  create table book (id integer primary key, author_id integer references author(id));
  insert into book values (1, 1);
`

describe('a foreign-key filter of a small table', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: offers its rows sorted by label, read without sorting the table in SQL`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql)
      await withAdmin(dialect.name, { sql: setup, connect: { log } }, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        queries.length = 0
        const html = await (await admin.request(`/${fx.s}/book/`)).text()
        const select = /<select[^>]*name="f\.author_id"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? ''
        const labels = [...select.matchAll(/<option value="[^"]*"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1])
        assert.deepEqual(labels, ['Any', 'A', 'b', 'c', 'NULL'])
        const choices = queries.find((q) => /from "[^"]+"\."author"\s+limit/.test(q))
        assert.ok(choices, 'the choices are read with a plain limit')
        assert.doesNotMatch(choices, /order by/i)
      })
    })
  }
})
