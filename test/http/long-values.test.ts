import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient } from './edit-client.js'

// A list shows 80 characters of a value and up to 1,000 in its title: a value of megabytes must cost the page
// no more than that (the page's size, and the statement reading only what it shows).
const body = `${'a'.repeat(78)}😀${'b'.repeat(300_000)}`
const doc = `{"k": "${'c'.repeat(300_000)}", "n": 1}`
const setup = (dialect: string) => `
  create table notes (id int primary key, title varchar(200), body text, doc ${dialect === 'postgres' ? 'jsonb' : 'json'});
  insert into notes values (1, 'first', '${body}', '${doc}'), (2, 'second', 'short', '{}');
`

for (const { name: dialect } of dialects) {
  describe(`a list of megabyte values on ${dialect}`, () => {
    const statements: string[] = []
    const fx = suiteFixture(() =>
      openAdminDb(dialect, {
        sql: setup(dialect),
        connect: { log: (event: LogEvent) => void statements.push(event.query.sql) },
      }),
    )
    let client: EditClient
    before(() => {
      client = new EditClient(fx.admin({ secret: 'test' }))
    })

    it('shows 80 characters and a title of 1,000, reading no more of the value than that', async () => {
      statements.length = 0
      const list = await client.get(`/${fx.s}/notes/`)
      assert.equal(list.status, 200)
      assert.ok(list.html.length < 30_000, `the page is ${list.html.length} characters`)
      // The cell stops at 80 code points: the pair at 79–80 stays whole.
      assert.ok(list.html.includes(`>${'a'.repeat(78)}😀b…<`), 'the cell')
      assert.ok(list.html.includes(`title="${'a'.repeat(78)}😀${'b'.repeat(921)}…"`), 'the title')
      assert.ok(list.html.includes(`>{&quot;k&quot;:&quot;${'c'.repeat(74)}…<`), 'the JSON cell, compacted')
      const rows = statements.find((text) => /from "(public|main)"\."notes"/.test(text) && /order by/.test(text))
      assert.match(rows ?? '', dialect === 'sqlite' ? /substr\("body", 1, 1001\)/ : /left\("body", 1001\)/)
    })

    it('sorts by such a column by its whole value, and its row still opens whole', async () => {
      const sorted = await client.get(`/${fx.s}/notes/?sort=-body`)
      assert.equal(sorted.status, 200)
      assert.ok(sorted.html.indexOf('>short<') < sorted.html.indexOf(`>${'a'.repeat(78)}`), 'short before a…')
      const detail = await client.get(`/${fx.s}/notes/row/1`)
      assert.ok(detail.html.includes(body), 'the detail page shows the whole value')
    })
  })
}
