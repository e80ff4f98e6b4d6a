import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

const idColumn: Record<DialectName, string> = { postgres: 'id serial primary key', sqlite: 'id integer primary key' }
const setup = (dialect: DialectName) => `
  create table book (${idColumn[dialect]}, title text not null, isbn text unique, pages integer, note text);
  insert into book (title, isbn, pages, note) values ('Dune', '978-0', 412, 'classic');
  create table country (code text primary key, name text not null, note text);
  insert into country values ('FR', 'France', 'kept');
  create table plain (${idColumn[dialect]}, title text not null);
  insert into plain (title) values ('one');`

const config: StewardConfigInput = {
  roles: { changer: { all: ['view', 'change'] } },
  tables: {
    book: { saveAsNew: true, fields: { note: { readOnly: true } } },
    country: { saveAsNew: true },
  },
}

const count = async (fx: { connection: { db: any } }, table: string) =>
  Number(
    (
      await fx.connection.db
        .selectFrom(table)
        .select((eb: any) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    ).n,
  )

/** The text of field `column`'s error on a redrawn form, or undefined. */
function fieldError(html: string, column: string): string | undefined {
  const at = html.indexOf(`data-field="${column}"`)
  if (at < 0) return undefined
  const next = html.indexOf('data-field="', at + 1)
  const block = html.slice(at, next < 0 ? undefined : next)
  return /id="field-\d+-error"[^>]*>([^<]*)</.exec(block)?.[1]
}

for (const { name: dialect } of dialects) {
  describe(`save as new on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup(dialect)))
    const client = (roles?: string[]) =>
      new EditClient(
        fx.admin({ config, secret: 'test', ...(roles ? { identity: () => ({ id: 'u', name: 'u', roles }) } : {}) }),
      )

    it('inserts the edit form as a new row, leaving out the generated key, and goes to it with a message', async () => {
      const c = client()
      const page = await c.get(`/${fx.s}/book/row/1/edit`)
      assert.match(page.html, /<button[^>]*value="saveAsNew"[^>]*>Save as new<\/button>/)
      const form = readForm(page.html, '/edit')
      let pairs = withValue(form.pairs, 'v:title', 'Dune Messiah')
      pairs = withValue(pairs, 'v:isbn', '978-1')
      const before = await count(fx, 'book')
      const saved = await c.post(form.action, [...pairs, ['_action', 'saveAsNew']])
      assert.equal(saved.status, 303)
      const next = await c.follow(saved)
      assert.match(next.html, /Added book .* as a new row/)
      assert.equal(await count(fx, 'book'), before + 1)
      const copy = await fx.connection.db
        .selectFrom('book')
        .selectAll()
        .where('title', '=', 'Dune Messiah')
        .executeTakeFirstOrThrow()
      assert.notEqual(Number(copy.id), 1)
      assert.match(next.location, new RegExp(`/book/row/${copy.id}$`))
      assert.equal(Number(copy.pages), 412, 'an untouched field is copied')
      assert.equal(copy.note, null, 'a read-only field is not copied')
      const original = await fx.connection.db
        .selectFrom('book')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      assert.equal(original.title, 'Dune')
      assert.equal(original.isbn, '978-0')
    })

    it('puts the unique-key message on the field a copy repeats, and writes nothing', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/book/row/1/edit`)).html, '/edit')
      const before = await count(fx, 'book')
      const response = await c.post(form.action, [...form.pairs, ['_action', 'saveAsNew']])
      assert.equal(response.status, 422)
      assert.equal(fieldError(await response.text(), 'isbn'), 'Another row already has this value; it must be unique.')
      assert.equal(await count(fx, 'book'), before)
    })

    it('opens a natural key for the copy: unchanged it is refused on the key field, changed it makes the row', async () => {
      const c = client()
      const page = await c.get(`/${fx.s}/country/row/FR/edit`)
      const form = readForm(page.html, '/edit')
      assert.ok(
        form.pairs.some(([name]) => name === 'v:code'),
        'the key is an input',
      )
      const refused = await c.post(form.action, [...form.pairs, ['_action', 'saveAsNew']])
      assert.equal(refused.status, 422)
      const html = await refused.text()
      assert.match(fieldError(html, 'code') ?? '', /already has this value/)
      assert.equal(await count(fx, 'country'), 1)
      let pairs = withValue(form.pairs, 'v:code', 'BE')
      pairs = withValue(pairs, 'v:name', 'Belgium')
      const saved = await c.post(form.action, [...pairs, ['_action', 'saveAsNew']])
      const next = await c.follow(saved)
      assert.match(next.location, /\/country\/row\/BE$/)
      const rows = await fx.connection.db.selectFrom('country').selectAll().orderBy('code').execute()
      assert.deepEqual(
        rows.map((row: any) => [row.code, row.name, row.note]),
        [
          ['BE', 'Belgium', 'kept'],
          ['FR', 'France', 'kept'],
        ],
      )
    })

    it('refuses a changed key on plain Save, on the key field, and writes nothing', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/country/row/FR/edit`)).html, '/edit')
      const response = await c.post(form.action, [...withValue(form.pairs, 'v:code', 'DE'), ['_action', 'save']])
      assert.equal(response.status, 422)
      assert.match(fieldError(await response.text(), 'code') ?? '', /Save keeps the key/)
      const fr = await fx.connection.db.selectFrom('country').selectAll().where('code', '=', 'FR').executeTakeFirst()
      assert.ok(fr)
      assert.equal(
        await fx.connection.db.selectFrom('country').selectAll().where('code', '=', 'DE').executeTakeFirst(),
        undefined,
      )
    })

    it('is offered only with add permission, and refused without it', async () => {
      const c = client(['changer'])
      const page = await c.get(`/${fx.s}/book/row/1/edit`)
      assert.equal(page.status, 200)
      assert.doesNotMatch(page.html, /Save as new/)
      const form = readForm(page.html, '/edit')
      const before = await count(fx, 'book')
      const response = await c.post(form.action, [
        ...withValue(form.pairs, 'v:isbn', '978-9'),
        ['_action', 'saveAsNew'],
      ])
      assert.equal(response.status, 403)
      assert.equal(await count(fx, 'book'), before)
      const key = readForm((await c.get(`/${fx.s}/country/row/FR/edit`)).html, '/edit')
      assert.ok(!key.pairs.some(([name]) => name === 'v:code'), 'no add permission: the key stays read-only')
    })

    it('is not offered where the table does not ask for it, and a crafted request inserts nothing', async () => {
      const c = client()
      const page = await c.get(`/${fx.s}/plain/row/1/edit`)
      assert.doesNotMatch(page.html, /Save as new/)
      const form = readForm(page.html, '/edit')
      const response = await c.post(form.action, [...form.pairs, ['_action', 'saveAsNew']])
      assert.equal(response.status, 400)
      assert.equal(await count(fx, 'plain'), 1)
    })
  })
}
