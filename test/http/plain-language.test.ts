// Pages about one record call it by the singular of its table ("Edit parcel 1"), config `label` /
// `labelPlural` override the inflector, and enum values are humanised where shown but kept as stored
// wherever they are sent (form values, filter parameters, CSV).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { StewardConfig } from '../../src/resources/define-config.js'
import { keyOrder } from '../helpers/key-order.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { dialects, suiteFixture, openAdminDb } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'
import { bodyRows } from './crawl-pages.js'

const statusColumn: Record<DialectName, { type: string; sql: string }> = {
  postgres: {
    type: "create type parcel_status as enum ('in_transit', 'delivered', 'on-hold', 'RMA');",
    sql: 'parcel_status',
  },
  sqlite: { type: '', sql: "text check (status in ('in_transit', 'delivered', 'on-hold', 'RMA'))" },
}

const setup = (dialect: DialectName) => `
  ${statusColumn[dialect].type}
  create table customer (id integer primary key, name text not null);
  create table parcel (
    id integer primary key,
    customer_id integer not null references customer(id),
    status ${statusColumn[dialect].sql} not null
  );
  insert into customer values (1, 'Ada Lovelace'), (2, 'Bob');
  insert into parcel values (1, 1, 'in_transit'), (2, 1, 'delivered'), (3, 2, 'on-hold'), (4, 2, 'RMA');
`

const h1 = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]
const title = (html: string) => /<title>([^<]*) · /.exec(html)?.[1]
const options = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name.replace('.', '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(html)
  return [...(select?.[1] ?? '').matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)<\/option>/g)].map((m) => [
    m[1],
    m[3],
    /selected/.test(m[2]!),
  ])
}
/** The text of a list page's cells in one column (by its position among the body's cells). */
const column = (html: string, index: number) =>
  bodyRows(html).map((row) =>
    [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)][index]?.[1]!.replace(/<[^>]+>/g, '').trim(),
  )

for (const { name: dialect } of dialects) {
  describe(`plain language on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup(dialect)))
    // In key order, as the cases were written for (lists now go newest first by default).
    const client = (config?: StewardConfig) => new EditClient(fx.admin({ config: keyOrder(fx.schema, config) }))

    // One table of expectations: config → page → title (and <h1>).
    const titles: [config: StewardConfig | undefined, path: string, expected: string][] = [
      [undefined, 'parcel/', 'Parcels'],
      [undefined, 'parcel/row/1', 'Parcel 1'],
      [undefined, 'parcel/row/1/edit', 'Edit parcel 1'],
      [undefined, 'parcel/new', 'Add parcel'],
      [undefined, 'parcel/row/1/delete', 'Delete parcel 1'],
      // A row with a label is named by it.
      [undefined, 'customer/row/1', 'Customer Ada Lovelace'],
      [undefined, 'customer/row/1/edit', 'Edit customer Ada Lovelace'],
      [undefined, 'customer/row/1/delete', 'Delete customer Ada Lovelace'],
      // `label` is the singular; the plural is inflected from it.
      [{ tables: { parcel: { label: 'Shipment' } } }, 'parcel/', 'Shipments'],
      [{ tables: { parcel: { label: 'Shipment' } } }, 'parcel/row/2', 'Shipment 2'],
      [{ tables: { parcel: { label: 'Shipment' } } }, 'parcel/row/2/edit', 'Edit shipment 2'],
      // `labelPlural` alone: the singular is inflected from it.
      [{ tables: { customer: { labelPlural: 'People' } } }, 'customer/', 'People'],
      [{ tables: { customer: { labelPlural: 'People' } } }, 'customer/row/2', 'Person Bob'],
      [{ tables: { customer: { labelPlural: 'People' } } }, 'customer/new', 'Add person'],
      // Both given: both used as written.
      [{ tables: { parcel: { label: 'Box', labelPlural: 'Boxen' } } }, 'parcel/', 'Boxen'],
      [{ tables: { parcel: { label: 'Box', labelPlural: 'Boxen' } } }, 'parcel/row/3/delete', 'Delete box 3'],
    ]
    for (const [config, path, expected] of titles) {
      it(`${path}${config ? ` with ${JSON.stringify(config.tables)}` : ''} is titled "${expected}"`, async () => {
        const { status, html } = await client(config).get(`/${fx.s}/${path}`)
        assert.equal(status, 200)
        assert.equal(h1(html), expected)
        assert.equal(title(html), expected)
      })
    }

    it('buttons, links and questions use the singular, lower-cased inside a sentence', async () => {
      const c = client()
      assert.match((await c.get(`/${fx.s}/parcel/`)).html, />\s*Add parcel\s*</)
      const detail = (await c.get(`/${fx.s}/customer/row/1`)).html
      assert.match(detail, />\s*Add parcel\s*</)
      assert.match(detail, />See all parcels of this customer</)
      assert.match((await c.get(`/${fx.s}/customer/row/1/delete`)).html, /Delete this customer\?/)
      assert.match((await c.get(`/${fx.s}/parcel/row/1/edit`)).html, />\s*Save parcel\s*</)
      assert.match((await c.get(`/${fx.s}/parcel/new`)).html, />\s*Save parcel\s*</)
    })

    it('the table name and column types are in a collapsed Developer details, not in the page text', async () => {
      const c = client()
      for (const path of ['parcel/', 'parcel/row/1', 'parcel/row/1/edit']) {
        const { html } = await c.get(`/${fx.s}/${path}`)
        const details =
          /<details(?![^>]*\sopen)[^>]*>\s*<summary[^>]*>Developer details<\/summary>[\s\S]*?<\/details>/.exec(
            html,
          )?.[0]
        assert.ok(details, `${path} has collapsed developer details`)
        const outside = html.replace(details, '')
        if (path === 'parcel/') assert.match(details, /Table [a-z]+\.parcel/)
        else assert.match(details, /status · /)
        assert.doesNotMatch(outside, /Table [a-z]+\.parcel|status · /, `${path} keeps them out of the main text`)
      }
    })

    it('enum values are humanised in list cells, the detail and filter choices; the values sent stay as stored', async () => {
      const c = client()
      const list = (await c.get(`/${fx.s}/parcel/`)).html
      assert.deepEqual(column(list, 3), ['In transit', 'Delivered', 'On hold', 'RMA'])
      assert.deepEqual(options(list, 'f.status'), [
        ['', 'Any', true],
        ['in_transit', 'In transit', false],
        ['delivered', 'Delivered', false],
        ['on-hold', 'On hold', false],
        ['RMA', 'RMA', false],
      ])

      // The filter parameter carries the stored value; the chip shows it humanised.
      const filtered = (await c.get(`/${fx.s}/parcel/?f.status=in_transit`)).html
      assert.deepEqual(column(filtered, 3), ['In transit'])
      assert.match(filtered, /Status = In transit/)
      assert.ok(options(filtered, 'f.status').some(([value, , selected]) => value === 'in_transit' && selected))

      assert.match((await c.get(`/${fx.s}/parcel/row/3`)).html, /<dd[^>]*>On hold<\/dd>/)

      const csv = await (await fx.admin().request(`/${fx.s}/parcel/export.csv`)).text()
      assert.match(csv, /in_transit/)
      assert.match(csv, /on-hold/)
      assert.doesNotMatch(csv, /In transit|On hold/)
    })

    it('the form select shows humanised text over the exact value, and saving writes the value', async () => {
      const c = client()
      const form = (await c.get(`/${fx.s}/parcel/row/2/edit`)).html
      assert.deepEqual(
        options(form, 'v:status').filter(([value]) => value !== ''),
        [
          ['in_transit', 'In transit', false],
          ['delivered', 'Delivered', true],
          ['on-hold', 'On hold', false],
          ['RMA', 'RMA', false],
        ],
      )
      const submitted = readForm(form, '/edit')
      const pairs = submitted.pairs.map(([n, v]): [string, string] => [n, n === 'v:status' ? 'on-hold' : v])
      const saved = await c.follow(await c.post(submitted.action, pairs))
      assert.match(saved.html, /Saved parcel 2\./)
      const row = await fx.connection.db.selectFrom('parcel').select('status').where('id', '=', 2).executeTakeFirst()
      assert.equal(row?.status, 'on-hold')
    })
  })
}
