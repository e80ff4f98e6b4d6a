import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

// SQLite keeps what it is given: a key column may hold values its declared type does not (a text in a date
// column, 1 and '1' side by side in an untyped one). A link by such a key would find no row, or another one;
// these rows are named by their rowid, and every other row keeps its key in its link.
const setup = `
  create table untyped (id primary key, v text);
  insert into untyped values (1, 'integer one'), ('1', 'text one'), (1.5, 'real'), (x'01', 'blob'), ('', 'empty text');
  create table pair (a, b, v text, primary key (a, b));
  insert into pair values (1, '1', 'integer, text'), ('1', 1, 'text, integer'), (null, 1, 'null, integer');
  create table dated (id date primary key, v text);
  insert into dated values ('2024-02-29', 'a date'), ('not a date', 'garbage'), (20240229, 'a number');
  create table amounts (id numeric primary key, v text);
  insert into amounts values (1.10, 'one point one'), ('abc', 'text'), (5, 'five');
`

describe('SQLite keys holding values of another type', () => {
  const fx = suiteFixture(() => openAdminDb('sqlite', setup))
  let client: EditClient
  before(() => {
    client = new EditClient(fx.admin({ secret: 'test' }))
  })
  /** Each row's rowid, storage class of its key and value, read outside Steward. */
  const rows = (table: string) => {
    const db = new Database(fx.test.url.replace(/^sqlite:/, ''), { readonly: true })
    try {
      return db
        .prepare(
          `select rowid, quote(${table === 'pair' ? 'a) || quote(b' : 'id'}) as k, v from ${table} order by rowid`,
        )
        .all()
    } finally {
      db.close()
    }
  }

  for (const table of ['untyped', 'pair', 'dated', 'amounts']) {
    it(`${table}: every row has a link that opens it, and a save there changes that row alone`, async () => {
      const before = rows(table) as { rowid: number; k: string; v: string }[]
      const list = await client.get(`/main/${table}/`)
      const links = [...new Set([...list.html.matchAll(/href="([^"]*\/row\/[^"?]+)(?:\?[^"]*)?"/g)].map((m) => m[1]!))]
        .filter((href) => !href.endsWith('/new'))
        .map((href) => href.replaceAll('&amp;', '&'))
      assert.equal(links.length, before.length, links.join(' '))
      const opened = new Set<string>()
      for (const link of links) {
        const detail = await client.get(link)
        assert.equal(detail.status, 200, link)
        const row = before.find(({ v }) => detail.html.includes(`>${v}<`))
        assert.ok(row, `${link} shows one of the rows`)
        opened.add(row.v)
        const form = readForm((await client.get(`${link}/edit`)).html, '/edit')
        const saved = await client.post(form.action, [
          ...withValue(form.pairs, 'v:v', `${row.v}!`),
          ['_action', 'save'],
        ])
        assert.equal(saved.status, 303, link)
      }
      assert.equal(opened.size, before.length, 'each link opens a row of its own')
      assert.deepEqual(
        rows(table),
        before.map((row) => ({ ...row, v: `${row.v}!` })),
      )
    })
  }

  it('keeps the key in the link wherever it reads back as the row’s own value', async () => {
    const list = await client.get('/main/amounts/')
    assert.match(list.html, /\/main\/amounts\/row\/1\.1[?"]/)
    assert.match(list.html, /\/main\/amounts\/row\/5[?"]/)
    assert.match((await client.get('/main/dated/')).html, /\/main\/dated\/row\/2024-02-29[?"]/)
  })

  it('deletes exactly the ticked rows of such a table from the list', async () => {
    const before = rows('untyped') as { rowid: number; k: string; v: string }[]
    const list = await client.get('/main/untyped/')
    const boxes = [...list.html.matchAll(/<input type="checkbox" name="key" value="([^"]*)"/g)].map((m) => m[1]!)
    assert.equal(boxes.length, before.length)
    const form = readForm(list.html, '/untyped/delete')
    // The integer 1 and the text '1': each row's box, found in the row that shows the value.
    const bodyRows = [...list.html.matchAll(/<tr><td class="st-pick">[\s\S]*?<\/tr>/g)].map((m) => m[0])
    const pick = (v: string) => /name="key" value="([^"]*)"/.exec(bodyRows.find((row) => row.includes(v))!)![1]!
    const ticked: [string, string][] = [...form.pairs, ['key', pick('integer one')], ['key', pick('text one')]]
    const preview = await client.post(form.action, ticked)
    assert.equal(preview.status, 200)
    const confirm = readForm(await preview.text(), '/untyped/delete')
    const done = await client.follow(await client.post(confirm.action, confirm.pairs))
    assert.match(done.html, /Deleted 2 /)
    assert.deepEqual(
      rows('untyped'),
      before.filter(({ v }) => !v.startsWith('integer one') && !v.startsWith('text one')),
    )
  })
})
