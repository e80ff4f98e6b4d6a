import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { readForm, withValue, type EditClient } from './edit-client.js'
import { createEditFixture } from './edit-fixture.js'

/** The message shown next to a field (by column), or the form's own alert. */
function fieldError(html: string, column: string): string | undefined {
  const field = new RegExp(`data-field="${column}"[\\s\\S]*?id="field-\\d+-error"[^>]*>([^<]*)<`).exec(html)
  const next = html.indexOf('data-field="', html.indexOf(`data-field="${column}"`) + 1)
  if (!field || (next > 0 && field.index + field[0].length > next)) return undefined
  return field[1]
}
function formAlert(html: string): string | undefined {
  return /role="alert"[^>]*><p>([^<]*)<\/p>/.exec(html)?.[1]
}

for (const { name: dialect } of dialects) {
  describe(`database constraint errors become field messages on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))
    const submit = async (client: EditClient, table: string, values: Record<string, string>) => {
      const form = readForm((await client.get(`/${fx.s}/${table}/new`)).html, '/new')
      let pairs = form.pairs
      for (const [column, value] of Object.entries(values)) pairs = withValue(pairs, `v:${column}`, value)
      const response = await client.post(form.action, pairs)
      return { status: response.status, html: await response.text() }
    }

    it('unique', async () => {
      const result = await submit(fx.client(), 'customer', { name: 'Alice', code: 'X', qty: '1' })
      assert.equal(result.status, 422)
      assert.equal(fieldError(result.html, 'name'), 'Another row already has this value; it must be unique.')
      assert.match(result.html, /name="v:name" type="text" value="Alice"/, 'the input is kept')
    })

    it('foreign key', async () => {
      const result = await submit(fx.client(), 'orders', { customer_id: '999', ref: 'x' })
      assert.equal(result.status, 422)
      assert.equal(fieldError(result.html, 'customer_id'), 'There is no row in Customers with this value.')
    })

    it('not null, on a column the form does not show', async () => {
      const client = fx.client({ tables: { customer: { hiddenFields: ['code'] } } })
      const result = await submit(client, 'customer', { name: 'Nobody', qty: '3' })
      assert.equal(result.status, 422)
      assert.equal(formAlert(result.html), 'Code: This field is required.')
    })

    it('check', async () => {
      const result = await submit(fx.client(), 'customer', { name: 'Zero', code: 'Z', qty: '0' })
      assert.equal(result.status, 422)
      assert.match(fieldError(result.html, 'qty') ?? '', /not allowed by the check constraint/)
    })

    if (dialect === 'postgres') {
      it('exclusion', async () => {
        const client = fx.client()
        assert.equal((await submit(client, 'stay', { during: '[2024-01-01,2024-01-05)' })).status, 303)
        const overlapping = await submit(client, 'stay', { during: '[2024-01-03,2024-01-08)' })
        assert.equal(overlapping.status, 422)
        assert.equal(fieldError(overlapping.html, 'during'), 'The value overlaps with another row.')
      })
    }

    it('never shows driver text', async () => {
      const result = await submit(fx.client(), 'customer', { name: 'Alice', code: 'X', qty: '0' })
      assert.doesNotMatch(result.html, /constraint failed|duplicate key|violates|SQLITE_/)
    })
  })
}
