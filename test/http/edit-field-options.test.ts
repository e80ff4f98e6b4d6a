import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

const idColumn: Record<DialectName, string> = { postgres: 'id serial primary key', sqlite: 'id integer primary key' }
const setup = (dialect: DialectName) => `
  create table product (
    ${idColumn[dialect]},
    name text not null,
    sku text not null default 'new',
    notes varchar(40),
    internal_code text,
    released date
  );
  insert into product (name, sku, notes, internal_code, released) values ('Lamp', 'L-1', 'bright', 'secret-7', '2024-05-01');`

const config: StewardConfigInput = {
  tables: {
    product: {
      // `labels` wins over `fields.<column>.label` (documented in build-resources).
      labels: { name: 'Product name' },
      fields: {
        name: { label: 'Loses to labels', help: 'The name customers see.' },
        sku: { label: 'Stock code', readOnly: true },
        internal_code: { hidden: true },
        notes: { widget: 'textarea', help: 'Shown on the invoice.' },
        released: { widget: 'text' },
      },
    },
  },
}

/** The opening tag of the control named `name`, or undefined. */
const controlTag = (html: string, name: string) =>
  new RegExp(`<(input|textarea|select)\\b[^>]*\\sname="${name}"[^>]*>`).exec(html)?.[0]

for (const { name: dialect } of dialects) {
  describe(`per-field options on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup(dialect)))
    const client = () => new EditClient(fx.admin({ config, secret: 'test' }))
    const row = () => fx.connection.db.selectFrom('product').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()

    it('labels the field on the form, the detail page and the list header', async () => {
      const c = client()
      for (const path of [`/${fx.s}/product/row/1/edit`, `/${fx.s}/product/row/1`, `/${fx.s}/product/`]) {
        const { html, status } = await c.get(path)
        assert.equal(status, 200, path)
        assert.match(html, /Stock code/, path)
        assert.match(html, /Product name/, path)
        assert.doesNotMatch(html, /Loses to labels/, path)
      }
    })

    it('draws help under the field and names it in aria-describedby', async () => {
      const { html } = await client().get(`/${fx.s}/product/row/1/edit`)
      const tag = controlTag(html, 'v:name')!
      const describedBy = /aria-describedby="([^"]*)"/.exec(tag)?.[1]?.split(' ') ?? []
      const helpId = describedBy.find((id) => id.endsWith('-help'))
      assert.ok(helpId, tag)
      assert.match(html, new RegExp(`id="${helpId}"[^>]*>The name customers see\\.</p>`))
    })

    it('shows a read-only field as its value, leaves a hidden one off, and draws the widget asked for', async () => {
      const { html } = await client().get(`/${fx.s}/product/row/1/edit`)
      assert.equal(controlTag(html, 'v:sku'), undefined, 'no control for the read-only field')
      assert.match(html, /L-1/)
      assert.equal(controlTag(html, 'v:internal_code'), undefined)
      assert.doesNotMatch(html, /secret-7|Internal code/)
      assert.match(controlTag(html, 'v:notes')!, /^<textarea/)
      assert.match(controlTag(html, 'v:released')!, /type="text"/)
      const created = await client().get(`/${fx.s}/product/new`)
      assert.equal(controlTag(created.html, 'v:internal_code'), undefined)
      assert.equal(controlTag(created.html, 'v:sku'), undefined)
    })

    it('still shows the hidden field on the detail page', async () => {
      const { html } = await client().get(`/${fx.s}/product/row/1`)
      assert.match(html, /Internal code/)
      assert.match(html, /secret-7/)
    })

    it('never writes a read-only or hidden field, even when a crafted edit POST sends them', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/product/row/1/edit`)).html, '/edit')
      let pairs = withValue(form.pairs, 'v:name', 'Desk lamp')
      pairs = withValue(pairs, 'v:sku', 'HACKED')
      pairs = withValue(pairs, 'v:internal_code', 'HACKED')
      const saved = await c.post(form.action, [...pairs, ['_action', 'save']])
      await c.follow(saved)
      const after = await row()
      assert.equal(after.name, 'Desk lamp')
      assert.equal(after.sku, 'L-1')
      assert.equal(after.internal_code, 'secret-7')
    })

    it('never writes them on create either: the database default and NULL apply', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/product/new`)).html, '/new')
      let pairs = withValue(form.pairs, 'v:name', 'Chair')
      pairs = withValue(pairs, 'v:sku', 'HACKED')
      pairs = withValue(pairs, 'v:internal_code', 'HACKED')
      const saved = await c.post(form.action, [...pairs, ['_action', 'save']])
      await c.follow(saved)
      const chair = await fx.connection.db
        .selectFrom('product')
        .selectAll()
        .where('name', '=', 'Chair')
        .executeTakeFirstOrThrow()
      assert.equal(chair.sku, 'new')
      assert.equal(chair.internal_code, null)
    })
  })
}
