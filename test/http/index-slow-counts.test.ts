import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connect } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

/** A view that takes tens of milliseconds to count on each engine: the index counts it with every table it has no estimate for. */
const slowView = {
  sqlite: `create view slow as with recursive s(n) as (select 1 union all select n + 1 from s where n < 300000)
    select n from s order by n desc;`,
  postgres: `create view slow as select n from generate_series(1, 3) as n, lateral (select pg_sleep(0.03)) as pause;`,
}

/** A view of `note` that is slow to read on each engine, however few its rows: its count is kept. */
const slowNotes = {
  sqlite: `create view slow_notes as select id, body from note
    where (with recursive s(n) as (select 1 union all select n + 1 from s where n < 300000) select max(n) from s) > 0;`,
  postgres: `create view slow_notes as select id, body from note where (select pg_sleep(0.03)) is not null;`,
}

/** The count the index shows for table `note`, and the title that says how it was made. */
function noteCount(html: string): { text: string; title: string } {
  const row = /href="[^"]*\/note\/"[\s\S]*?<td class="[^"]*tabular-nums" title="([^"]*)">([^<]*)</.exec(html)
  assert.ok(row, 'the index lists note with its count')
  return { text: row[2]!, title: row[1]! }
}

for (const dialect of dialects) {
  describe(`the index's slow counts on ${dialect.name}`, () => {
    const open = async (slow: boolean) => {
      const testDb = await dialect.create(
        `create table note (id integer primary key, body text not null); ${slow ? slowView[dialect.name] : ''}`,
      )
      const connection = await connect(testDb.url)
      const schema = await connection.dialect.introspect(connection.db)
      const client = new EditClient(createAdmin({ db: connection.db, schema, checkDrift: false }))
      const close = async () => {
        await connection.close()
        await testDb.drop()
      }
      return { testDb, client, close, s: connection.dialect.defaultSchema }
    }

    it('keeps the counts of a slow count a while, and counts again after a write made here', async () => {
      const { testDb, client, close, s } = await open(true)
      try {
        assert.deepEqual(noteCount((await client.get('/')).html), { text: '0', title: 'exact' })
        // A row added behind Steward's back: the count made a moment ago is shown, and says when it was made.
        await testDb.exec(`insert into note (id, body) values (1, 'outside');`)
        const kept = noteCount((await client.get('/')).html)
        assert.equal(kept.text, '0')
        assert.match(kept.title, /^exact, counted \d+ s ago$/)
        // A row added here: the next index counts again.
        const form = readForm((await client.get(`/${s}/note/new`)).html, '/new')
        await client.follow(
          await client.post(form.action, withValue(withValue(form.pairs, 'v:id', '2'), 'v:body', 'here')),
        )
        assert.deepEqual(noteCount((await client.get('/')).html), { text: '2', title: 'exact' })
      } finally {
        await close()
      }
    })

    it('an unfiltered list shares a slow count with the index, and a write made here counts again', async () => {
      const testDb = await dialect.create(
        `create table note (id integer primary key, body text not null); ${slowNotes[dialect.name]}`,
      )
      await testDb.exec(
        `insert into note (id, body) select n, 'note ' || n from ${dialect.name === 'sqlite' ? '(with recursive s(n) as (select 1 union all select n + 1 from s where n < 30) select n from s)' : 'generate_series(1, 30) as n'};`,
      )
      const connection = await connect(testDb.url)
      try {
        const schema = await connection.dialect.introspect(connection.db)
        const client = new EditClient(createAdmin({ db: connection.db, schema, checkDrift: false }))
        const s = connection.dialect.defaultSchema
        const list = async () => /Rows 1–25 of ([\d,]+)/.exec((await client.get(`/${s}/slow_notes/?size=25`)).html)?.[1]
        assert.equal(await list(), '30')
        await testDb.exec(`insert into note (id, body) values (31, 'outside');`)
        assert.equal(await list(), '30', 'the count of a moment ago')
        const index = (await client.get('/')).html
        assert.match(
          index,
          /href="[^"]*\/slow_notes\/"[\s\S]*?title="exact, counted \d+ s ago">30</,
          'the index shows the same',
        )
        const form = readForm((await client.get(`/${s}/note/new`)).html, '/new')
        await client.follow(
          await client.post(form.action, withValue(withValue(form.pairs, 'v:id', '32'), 'v:body', 'here')),
        )
        assert.equal(await list(), '32')
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })

    it('counts every time where counting is quick', async () => {
      const { testDb, client, close } = await open(false)
      try {
        assert.equal(noteCount((await client.get('/')).html).text, '0')
        await testDb.exec(`insert into note (id, body) values (1, 'outside');`)
        assert.deepEqual(noteCount((await client.get('/')).html), { text: '1', title: 'exact' })
      } finally {
        await close()
      }
    })
  })
}
