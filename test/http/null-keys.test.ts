import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

// SQLite lets a non-INTEGER primary key hold NULL (a legacy of its early versions), so two rows can share
// the "key" NULL: https://www.sqlite.org/lang_createtable.html#the_primary_key. Such rows are named by
// their rowid ('~r<rowid>'); a write by the NULL key itself, which would touch both, is refused.
const setup = `
  create table tag (code text primary key, label text);
  insert into tag (rowid, code, label) values (1, null, 'first null'), (2, null, 'second null'), (3, 'x', 'plain');
  create table pair (a text, b int, v text, primary key (a, b));
  insert into pair (rowid, a, b, v) values (1, null, 1, 'p'), (2, null, 1, 'q'), (3, 'k', 1, 'r');
  create table strict_tag (code text primary key, label text) without rowid;
`

describe('SQLite rows whose primary key is NULL', () => {
  const fx = suiteFixture(() => openAdminDb('sqlite', setup))
  let client: EditClient
  let path: string
  before(() => {
    path = fx.test.url.replace(/^sqlite:/, '')
    client = new EditClient(fx.admin({ secret: 'test' }))
  })

  /** Every row with its rowid and storage classes, to tell "unchanged" byte for byte. */
  const snapshot = (table: string) => {
    const db = new Database(path, { readonly: true })
    try {
      return db.prepare(`select rowid, quote(${table}.*) from ${table} order by rowid`).raw().all()
    } catch {
      return db.prepare(`select * from ${table} order by 1`).raw().all()
    } finally {
      db.close()
    }
  }
  const rows = (table: string) => {
    const db = new Database(path, { readonly: true })
    try {
      return db.prepare(`select rowid as rowid, * from ${table} order by rowid`).all()
    } finally {
      db.close()
    }
  }
  const csrf = async () => readForm((await client.get('/main/tag/row/x/delete')).html, '/delete').pairs[0]![1]

  it('a WITHOUT ROWID table refuses a NULL key itself (nothing to handle there)', async () => {
    await assert.rejects(fx.test.exec(`insert into strict_tag values (null, 'n')`), /NOT NULL/)
  })

  it('lists each NULL-key row with a link of its own that opens that row', async () => {
    for (const [table, texts] of [
      ['tag', ['first null', 'second null', 'plain']],
      ['pair', ['>p<', '>q<', '>r<']],
    ] as const) {
      const html = (await client.get(`/main/${table}/`)).html
      const links = [...new Set([...html.matchAll(/href="(\/main\/[a-z]+\/row\/[^"]*)"/g)].map((m) => m[1]!))]
      assert.deepEqual(links, [
        `/main/${table}/row/~r1`,
        `/main/${table}/row/~r2`,
        `/main/${table}/row/${table === 'tag' ? 'x' : 'k,1'}`,
      ])
      for (const [i, link] of links.entries()) {
        const page = await client.get(link)
        assert.equal(page.status, 200, link)
        assert.ok(page.html.includes(texts[i]!.replace(/[<>]/g, '')), link)
        assert.doesNotMatch(page.html, /More than one row/)
        assert.match(page.html, new RegExp(`href="${link}/edit"`), 'the row can be edited by its rowid')
      }
    }
  })

  it('an edit by rowid changes exactly that row', async () => {
    const form = readForm((await client.get('/main/tag/row/~r2/edit')).html, '/edit')
    const page = await client.follow(await client.post(form.action, withValue(form.pairs, 'v:label', 'second, edited')))
    assert.match(page.location, /\/main\/tag\/row\/~r2$/)
    assert.deepEqual(rows('tag'), [
      { rowid: 1, code: null, label: 'first null' },
      { rowid: 2, code: null, label: 'second, edited' },
      { rowid: 3, code: 'x', label: 'plain' },
    ])
  })

  it('by the NULL key itself: shown as ambiguous, and edit, delete and bulk delete are refused leaving the table unchanged', async () => {
    const before = snapshot('tag')
    const detail = await client.get('/main/tag/row/~0')
    assert.equal(detail.status, 200)
    assert.match(detail.html, /More than one row/)
    assert.doesNotMatch(detail.html, /row\/~0\/edit/)
    assert.equal((await client.get('/main/tag/row/~0/edit')).status, 409)
    const preview = await client.get('/main/tag/row/~0/delete')
    assert.match(preview.html, /More than one row matches this record/)
    assert.match(preview.html, /<button type="submit" disabled/)
    const token = await csrf()
    const single = await client.post('/main/tag/row/~0/delete', [[csrfField, token]])
    assert.equal(single.status, 409)
    const edit = await client.post('/main/tag/row/~0/edit', [
      [csrfField, token],
      ['v:label', 'both'],
    ])
    assert.ok(edit.status >= 400, `edit by ~0: ${edit.status}`)
    const bulk = await client.post('/main/tag/delete', [
      [csrfField, token],
      ['key', 'x'],
      ['key', '~0'],
      ['confirm', '1'],
    ])
    assert.equal(bulk.status, 409)
    assert.match(await bulk.text(), /More than one row matches this record/)
    assert.deepEqual(snapshot('tag'), before, 'nothing was written')
    const pairBulk = await client.post('/main/pair/delete', [
      [csrfField, token],
      ['key', '~0,1'],
      ['confirm', '1'],
    ])
    assert.equal(pairBulk.status, 409)
    assert.equal(rows('pair').length, 3)
  })

  it('a delete by rowid, and a bulk delete of rowid and key refs, delete exactly those rows', async () => {
    const form = readForm((await client.get('/main/tag/row/~r1/delete')).html, '/delete')
    assert.match((await client.get('/main/tag/row/~r1/delete')).html, /Delete this tag\?/)
    const list = await client.follow(await client.post(form.action, form.pairs))
    assert.match(list.html, /Deleted 1 tag\./)
    assert.deepEqual(
      rows('tag').map((row) => (row as { rowid: number }).rowid),
      [2, 3],
    )
    const token = await csrf()
    const preview = await client.post('/main/pair/delete', [
      [csrfField, token],
      ['key', '~r2'],
      ['key', 'k,1'],
    ])
    const html = await preview.text()
    assert.match(html, /Delete these 2 pairs\?/)
    const confirm = readForm(html, '/pair/delete')
    assert.deepEqual(
      confirm.pairs.filter(([name]) => name === 'key').map(([, value]) => value),
      ['~r2', 'k,1'],
    )
    const bulk = await client.post(confirm.action, confirm.pairs)
    assert.match((await client.follow(bulk)).html, /Deleted 2 pairs\./)
    assert.deepEqual(rows('pair'), [{ rowid: 1, a: null, b: 1, v: 'p' }])
  })

  it('a rowid ref names no row of a table whose key cannot be NULL', async () => {
    assert.equal((await client.get('/main/strict_tag/row/~r1')).status, 404)
  })
})
