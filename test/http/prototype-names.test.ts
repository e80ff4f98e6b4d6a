import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

// Columns named like what every JavaScript object inherits. In a plain `{}` keyed by column name,
// `values['__proto__'] = v` sets the prototype (the value is lost), and `errors['constructor']` or
// `'toString' in values` find the inherited members.
const setup = `
  create table odd (id int primary key, "__proto__" text, "constructor" text, "toString" text, "hasOwnProperty" int);
  insert into odd values (1, 'proto value', 'ctor value', 'str value', 7);
  create table "constructor" (id int primary key, v text);
  insert into "constructor" values (1, 'a table named constructor');
`

for (const { name: dialect } of dialects) {
  describe(`columns named __proto__, constructor, toString on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    let client: EditClient
    before(() => {
      client = new EditClient(fx.admin({ secret: 'test' }))
    })
    const stored = async () =>
      (
        await sql<
          Record<string, unknown>
        >`select "__proto__" as p, "constructor" as c, "toString" as t, "hasOwnProperty" as h from odd`.execute(
          fx.connection.db,
        )
      ).rows[0]
    const editForm = async () => readForm((await client.get(`/${fx.s}/odd/row/1/edit`)).html, '/edit')

    it('shows their values on the list, the detail page, the edit form and in the CSV export', async () => {
      for (const path of ['/odd/', '/odd/row/1', '/odd/row/1/edit', '/odd/export.csv']) {
        const { status, html } = await client.get(`/${fx.s}${path}`)
        assert.equal(status, 200, path)
        for (const value of ['proto value', 'ctor value', 'str value'])
          assert.ok(html.includes(value), `${path}: ${value}`)
      }
    })

    it('saves the ones changed and leaves the others as they were', async () => {
      let pairs = withValue((await editForm()).pairs, 'v:__proto__', 'new proto')
      pairs = withValue(pairs, 'v:constructor', 'new ctor')
      const saved = await client.follow(await client.post(`/${fx.s}/odd/row/1/edit`, [...pairs, ['_action', 'save']]))
      assert.match(saved.html, /Saved odd 1\./)
      assert.deepEqual({ ...(await stored()) }, { p: 'new proto', c: 'new ctor', t: 'str value', h: 7 })
    })

    it('refuses a bad value with its message beside that field, and writes nothing', async () => {
      const pairs = withValue((await editForm()).pairs, 'v:hasOwnProperty', 'seven')
      const response = await client.post(`/${fx.s}/odd/row/1/edit`, [...pairs, ['_action', 'save']])
      assert.equal(response.status, 422)
      const html = await response.text()
      assert.match(
        html,
        /aria-invalid="true"[^>]*name="v:hasOwnProperty"|name="v:hasOwnProperty"[^>]*aria-invalid="true"/,
      )
      assert.doesNotMatch(html, /name="v:(__proto__|constructor|toString)"[^>]*aria-invalid="true"/)
      assert.equal((await stored())?.h, 7)
    })

    it('adds a row through the create form with every one of them written', async () => {
      const blank = readForm((await client.get(`/${fx.s}/odd/new`)).html, '/new')
      let pairs = withValue(blank.pairs, 'v:id', '2')
      for (const [name, value] of [
        ['__proto__', 'p2'],
        ['constructor', 'c2'],
        ['toString', 't2'],
        ['hasOwnProperty', '9'],
      ])
        pairs = withValue(pairs, `v:${name}`, value!)
      const added = await client.follow(await client.post(blank.action, [...pairs, ['_action', 'save']]))
      assert.match(added.html, /Added odd 2\./)
      const row = await sql<
        Record<string, unknown>
      >`select "__proto__" as p, "constructor" as c, "toString" as t, "hasOwnProperty" as h from odd where id = 2`.execute(
        fx.connection.db,
      )
      assert.deepEqual({ ...row.rows[0] }, { p: 'p2', c: 'c2', t: 't2', h: 9 })
    })

    it('labels them by their names when the configuration renames only another column', async () => {
      const labelled = new EditClient(
        fx.admin({ secret: 'test', config: { tables: { odd: { labels: { id: 'Key' } } } } }),
      )
      const { html } = await labelled.get(`/${fx.s}/odd/row/1`)
      const labels = [...html.matchAll(/data-field="[^"]+">([^<]*)</g)].map((m) => m[1])
      assert.deepEqual(labels, ['Key', 'Proto', 'Constructor', 'To string', 'Has own property'])
      // A table named constructor, which the configuration does not name, is a table like any other.
      const table = await labelled.get(`/${fx.s}/constructor/row/1`)
      assert.equal(table.status, 200)
      assert.match(table.html, /a table named constructor/)
    })
  })
}
