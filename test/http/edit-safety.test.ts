import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { readForm, withValue, without } from './edit-client.js'
import { createEditFixture } from './edit-fixture.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

/**
 * How the key-less table's rows (x 1, x 1, y 2) are named: by all their values on Postgres, by rowid on SQLite.
 * `first`: the first row; `unique`: the row ('y', 2); `twin`: a name two identical rows share, if any.
 */
const keylessRows: Record<DialectName, { first: string; unique: string; twin?: string }> = {
  postgres: { first: 'x,1', unique: 'y,2', twin: 'x,1' },
  sqlite: { first: '1', unique: '3' },
}

for (const { name: dialect } of dialects) {
  describe(`edit safety and flow on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))

    it('refuses an unsafe request without the CSRF token or from another origin', async () => {
      const client = fx.client()
      const form = readForm((await client.get(`/${fx.s}/customer/row/1/edit`)).html, '/edit')
      const changed = withValue(form.pairs, 'v:code', 'hacked')
      assert.equal((await client.post(form.action, without(changed, csrfField))).status, 403)
      assert.equal((await client.post(form.action, withValue(changed, csrfField, 'guess'))).status, 403)
      assert.equal((await client.post(form.action, changed, { origin: 'https://evil.example' })).status, 403)
      assert.equal((await client.post(form.action, changed, { origin: null })).status, 403)
      const stranger = fx.client()
      assert.equal(
        (await stranger.post(form.action, changed)).status,
        403,
        "another browser's token does not match its cookie",
      )
      const row = await fx.connection.db
        .selectFrom('customer')
        .select('code')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      assert.equal(row.code, 'A')
    })

    it('keeps views and key-less tables read-only unless editing them is allowed', async () => {
      const client = fx.client()
      assert.equal((await client.get(`/${fx.s}/customer_names/new`)).status, 403)
      const expected = keylessRows[dialect]
      assert.equal((await client.get(`/${fx.s}/keyless/row/${expected.first}/edit`)).status, 403)
      const allowed = fx.client({ tables: { keyless: { allowKeylessEdit: true } } })
      const form = readForm((await allowed.get(`/${fx.s}/keyless/row/${expected.unique}/edit`)).html, '/edit')
      await allowed.follow(await allowed.post(form.action, withValue(form.pairs, 'v:b', '3')))
      const rows = await fx.connection.db.selectFrom('keyless').select(['a', 'b']).orderBy('a').orderBy('b').execute()
      assert.deepEqual(
        rows.map((r) => `${r.a}${r.b}`),
        ['x1', 'x1', 'y3'],
      )
      // Two identical rows: without a rowid neither can be told apart, so neither is edited.
      if (expected.twin) assert.equal((await allowed.get(`/${fx.s}/keyless/row/${expected.twin}/edit`)).status, 409)
    })

    it('post → redirect → get with a one-time flash message, for each save button', async () => {
      const client = fx.client()
      const blank = readForm((await client.get(`/${fx.s}/orders/new`)).html, '/new')
      const another = await client.post(blank.action, [
        ...withValue(blank.pairs, 'v:customer_id', '2'),
        ['_action', 'another'],
      ])
      const next = await client.follow(another)
      assert.match(next.location, /\/orders\/new$/)
      assert.match(next.html, /Added order [0-9]+\./)
      const again = await client.get(next.location)
      assert.doesNotMatch(again.html, /Added order [0-9]+\./, 'the message shows once')
      const saved = await client.follow(
        await client.post(blank.action, [...withValue(blank.pairs, 'v:customer_id', '2'), ['_action', 'save']]),
      )
      assert.match(saved.location, /\/orders\/row\/\d+$/)
    })

    it('pre-fills the foreign key from a reverse-relation link, with the picker and its label', async () => {
      const client = fx.client()
      const page = await client.get(`/${fx.s}/orders/new?f.customer_id=2`)
      assert.match(page.html, /name="v:customer_id" type="text" value="2"/)
      assert.match(page.html, /data-lookup="\/[a-z]+\/customer\/lookup\?column=id"/)
      assert.match(page.html, /<a href="\/[a-z]+\/customer\/row\/2">Bob<\/a>/)
      const form = readForm(page.html, '/new')
      assert.match(form.action, /\?f\.customer_id=2$/, '"add another" keeps the link')
    })

    it('answers the picker with matching rows as JSON', async () => {
      const client = fx.client()
      const response = await client.get(`/${fx.s}/customer/lookup?column=id&q=ali`)
      assert.deepEqual(JSON.parse(response.html), { results: [{ value: '1', label: 'Alice (1)' }] })
      const byKey = JSON.parse((await client.get(`/${fx.s}/customer/lookup?column=id&q=2`)).html)
      assert.deepEqual(byKey, { results: [{ value: '2', label: 'Bob (2)' }] })
      assert.equal((await client.get(`/${fx.s}/customer/lookup?column=nope&q=x`)).status, 400)
    })

    it('answers the picker on a column without `=` (json, point) with no match, never a failure', async () => {
      const client = fx.client()
      const columns = dialect === 'postgres' ? ['j', 'jb', 'pt'] : ['j']
      for (const column of columns) {
        for (const q of ['{}', '"\\ud800"', '(1.5,2)']) {
          const response = await client.get(`/${fx.s}/everything/lookup?column=${column}&q=${encodeURIComponent(q)}`)
          assert.equal(response.status, 200, `${column} ${q}`)
          assert.deepEqual(JSON.parse(response.html), { results: [] }, `${column} ${q}`)
        }
      }
    })
  })
}
