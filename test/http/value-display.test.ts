import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'
import { ledgerSetup as setup } from './value-display-fixture.js'

/** What the edit form holds: the stored value exactly, whatever the page shows. */
const formValues: Record<DialectName, Record<string, string>> = {
  postgres: { amount: '1503.50', ratio: '1234567.891', euros: '1503.50' },
  sqlite: { amount: '1503.5', ratio: '1234567.891', euros: '1503.5' },
}

const config: StewardConfigInput = { tables: { ledger: { fields: { euros: { currency: 'EUR' } } } } }

/** The display of each column, the same on list cells and the detail page. */
const shown: readonly [string, RegExp][] = [
  ['numeric(10,2) at its scale', />1,503\.50</],
  ['unconstrained numeric with separators', />1,234,567\.891</],
  ['money with its currency', />\$1,503\.50</],
  ['a configured currency', />€1,503\.50</],
  [
    // Its title ("2 years ago") is the script's: the server writes none (see the browser suite).
    'a zoned timestamp in UTC, for the script to move',
    /<time datetime="2024-01-31T14:05:00\.123Z" data-zoned>2024-01-31 14:05:00\.123456 UTC<\/time>/,
  ],
]

/**
 * A naive timestamp says it has no zone: beside the value on the detail page; on a list once, in its column's
 * header, when every time of the column on the page is naive (not on every row).
 */
const naiveShown: Record<'list' | 'detail', [string, RegExp]> = {
  detail: ['a naive timestamp, marked', /<time>2024-01-31 14:05:00<\/time> <span class="st-no-zone">no zone<\/span>/],
  list: [
    'a naive timestamp, marked once in its header',
    /Noted<span[^>]*>[^<]*<\/span><\/a><span class="st-no-zone[^"]*"[^>]*>no zone<\/span><\/th>[\s\S]*<time>2024-01-31 14:05:00<\/time><\/td>/,
  ],
}

for (const { name: dialect } of dialects) {
  describe(`money and time on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup[dialect]))
    const client = () => new EditClient(fx.admin({ config }))

    for (const [page, path] of [
      ['list', ''],
      ['detail', 'row/1'],
    ] as const) {
      for (const [what, pattern] of [...shown, naiveShown[page]]) {
        it(`the ${page} page shows ${what}`, async () => {
          const { status, html } = await client().get(`/${fx.s}/ledger/${path}`)
          assert.equal(status, 200)
          assert.match(html, pattern)
        })
      }
    }

    it('the edit form keeps the exact stored numbers, without separators', async () => {
      const page = await client().get(`/${fx.s}/ledger/row/1/edit`)
      const form = new Map(readForm(page.html, '/edit').pairs)
      for (const [name, value] of Object.entries(formValues[dialect])) assert.equal(form.get(`v:${name}`), value, name)
    })

    it('date filters ask for dates as the list shows them, yyyy-mm-dd', async () => {
      const { html } = await client().get(`/${fx.s}/ledger/`)
      assert.match(
        html,
        /<input type="text" name="f\.paid\.gte" value="" [^>]*placeholder="yyyy-mm-dd" pattern="[^"]+"/,
      )
      const from = await client().get(`/${fx.s}/ledger/?f.paid.gte=2024-01-31&f.noted.lte=2024-02-01`)
      assert.match(from.html, /Showing 1 of 1 row/)
      assert.match(from.html, /name="f\.paid\.gte" value="2024-01-31"/)
    })

    it('the CSV export keeps the raw values', async () => {
      const { html: csv } = await client().get(`/${fx.s}/ledger/export.csv`)
      const [, row] = csv.replace(/^\uFEFF/, '').split('\r\n')
      assert.ok(row?.startsWith(`1,${formValues[dialect].amount},1234567.891,`), row)
      assert.doesNotMatch(row ?? '', /UTC|€/)
    })
  })
}
