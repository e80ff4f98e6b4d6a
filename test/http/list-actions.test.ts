import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { recordKeyText } from '../../src/records/record-key.js'
import { dialects, suiteFixture, type TestDb } from '../helpers/test-db.js'
import { createBrowseFixture, type BrowseFixture } from './browse-fixture.js'
import { EditClient, readForm } from './edit-client.js'
import { createEditFixture, tableCount } from './edit-fixture.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

/** The row checkboxes of a list page: `[value, aria-label]`. */
const rowBoxes = (html: string): [string, string][] =>
  [...html.matchAll(/<input type="checkbox" name="key" value="([^"]*)" aria-label="([^"]*)"/g)].map((m) => [
    m[1]!,
    m[2]!,
  ])

const staticDir = new URL('../../views/static/', import.meta.url)

for (const { name: dialect } of dialects) {
  describe(`list selection, bulk delete and reverse-relation "add" on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))

    const cases = [
      { table: 'customer', config: undefined, selectable: true, why: 'a writable table' },
      { table: 'customer_names', config: undefined, selectable: false, why: 'a view' },
      { table: 'keyless', config: undefined, selectable: false, why: 'a key-less table without opt-in' },
      {
        table: 'orders',
        config: { tables: { orders: { readOnly: true } } },
        selectable: false,
        why: 'a table configured read-only',
      },
    ]
    for (const { table, config, selectable, why } of cases) {
      it(`${why} (${table}) ${selectable ? 'gets' : 'gets no'} selection form`, async () => {
        const client = fx.client(config)
        const { status, html } = await client.get(`/${fx.s}/${table}/`)
        assert.equal(status, 200)
        assert.equal(html.includes('data-bulk-form'), selectable)
        assert.equal(html.includes('Delete selected…'), selectable)
        assert.equal(rowBoxes(html).length > 0, selectable)
        assert.equal(/>\s*Add [a-z]+\s*</.test(html), selectable)
      })
    }

    it('labels each row box by its key, inside one post form with the CSRF token and a hidden select-all', async () => {
      const client = fx.client()
      const { html } = await client.get(`/${fx.s}/customer/`)
      assert.deepEqual(rowBoxes(html), [
        ['1', 'Select row 1'],
        ['2', 'Select row 2'],
      ])
      const form = /<form method="post" action="([^"]+)" data-bulk-form[^>]*>([\s\S]*?)<\/form>/.exec(html)
      assert.ok(form, 'a post form around the table')
      assert.equal(form[1], `/${fx.s}/customer/delete`)
      assert.match(
        form[2]!,
        /<table[\s\S]*name="key"[\s\S]*<\/table>/,
        'the boxes are inside the table, inside the form',
      )
      assert.match(
        form[2]!,
        /<th scope="col"[^>]*><span class="sr-only">Select<\/span><input type="checkbox" data-select-all="true" hidden=""/,
      )
      assert.match(form[2]!, /aria-label="Select all rows on this page"/)
      assert.match(form[2]!, /<span data-selected-count="true" hidden="" aria-live="polite"/)
      const pairs = readForm(html, '/customer/delete').pairs
      assert.deepEqual(
        pairs.map(([n]) => n),
        [csrfField],
        'nothing ticked: only the token is posted',
      )
      assert.ok(pairs[0]![1].length > 20)
      assert.ok(
        [...client.cookies.values()].some((v) => v.startsWith(pairs[0]![1])),
        'the token is the cookie the CSRF check compares with',
      )
    })

    it('deletes two ticked rows through the list form: preview, confirm, flash says 2', async () => {
      await fx.test.exec(
        "insert into customer (id, name, code) values (20, 'C20', 'x'), (21, 'C21', 'y'), (22, 'C22', 'z'); insert into orders (customer_id) values (20)",
      )
      const client = fx.client()
      const list = await client.get(`/${fx.s}/customer/?q=C2`)
      const boxes = rowBoxes(list.html)
      assert.deepEqual(
        boxes.map(([value]) => value),
        ['20', '21', '22'],
      )
      const form = readForm(list.html, '/customer/delete')
      const ticked: [string, string][] = [...form.pairs, ['key', boxes[0]![0]], ['key', boxes[2]![0]]]
      const preview = await client.post(form.action, ticked)
      assert.equal(preview.status, 200)
      const html = await preview.text()
      assert.match(html, /Delete these 2 customers\?/)
      assert.match(html, />1 order<\/a>/)
      const confirm = readForm(html, '/customer/delete')
      const done = await client.follow(await client.post(confirm.action, confirm.pairs))
      assert.match(done.html, /Deleted 2 customers\./)
      const left = await fx.connection.db.selectFrom('customer').select('id').where('id', '>=', 20).execute()
      assert.deepEqual(
        left.map((r) => Number(r.id)),
        [21],
      )
      assert.equal(await tableCount(fx, 'orders'), 3, 'the cascade took the order of customer 20')
    })

    it('posting the list form with nothing ticked deletes nothing and says so', async () => {
      const client = fx.client()
      const form = readForm((await client.get(`/${fx.s}/customer/`)).html, '/customer/delete')
      const before = await tableCount(fx, 'customer')
      const back = await client.follow(await client.post(form.action, form.pairs))
      assert.match(back.html, /No rows were selected\./)
      assert.equal(await tableCount(fx, 'customer'), before)
    })

    const panels = [
      { table: 'customer', id: 1, config: undefined, adds: [['order', 'orders', 'customer_id']] },
      {
        table: 'orders',
        id: 1,
        config: undefined,
        adds: [
          ['invoice', 'invoice', 'order_id'],
          ['line', 'line', 'order_id'],
        ],
      },
      { table: 'customer', id: 1, config: { tables: { orders: { readOnly: true } } }, adds: [] },
    ] as const
    for (const { table, id, config, adds } of panels) {
      it(`${table} ${id}${config ? ' with its child read-only' : ''}: "add" links fill the foreign key`, async () => {
        const client = fx.client(config)
        const { html } = await client.get(`/${fx.s}/${table}/row/${id}`)
        const links = [...html.matchAll(/<a href="([^"]+\/new\?[^"]*)"[^>]*>\s*Add ([^<]+?)\s*</g)].map((m) => [
          m[2],
          m[1],
        ])
        assert.deepEqual(
          links,
          adds.map(([label, child, column]) => [label, `/${fx.s}/${child}/new?f.${column}=${id}`]),
        )
        assert.match(html, /See all [a-z ]+ of this (customer|order)</, 'the list links stay')
        for (const [, href] of links) {
          const form = await client.get(href!)
          assert.equal(form.status, 200)
          assert.match(form.html, new RegExp(`name="v:[a-z_]+_id" type="text" value="${id}"`))
        }
      })
    }

    it('serves every script a page references, fingerprinted, cached for a year, holding every views/static file', async () => {
      const client = fx.client()
      const pages = [
        '/',
        `/${fx.s}/customer/`,
        `/${fx.s}/customer/row/1`,
        `/${fx.s}/orders/new`,
        `/${fx.s}/orders/row/1/edit`,
      ]
      const sources = new Set<string>()
      for (const page of pages) {
        const { status, html } = await client.get(page)
        assert.equal(status, 200, page)
        assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(html), `${page}: no inline script`)
        for (const m of html.matchAll(/<script src="([^"]+)"/g)) sources.add(m[1]!)
        assert.ok(html.includes('<script src='), `${page} loads a script`)
      }
      assert.ok(sources.size > 0)
      let served = ''
      for (const src of sources) {
        assert.match(src, /\/static\/steward-[0-9a-f]{12}\.js$/)
        const response = await client.get(src)
        assert.equal(response.status, 200, src)
        assert.equal(response.response.headers.get('cache-control'), 'public, max-age=31536000, immutable')
        assert.match(response.response.headers.get('content-type') ?? '', /^text\/javascript/)
        assert.equal(response.response.headers.get('set-cookie'), null)
        served += response.html
      }
      const files = readdirSync(staticDir).filter((name) => name.endsWith('.js'))
      assert.ok(files.includes('fk-picker.js') && files.includes('bulk-select.js'))
      for (const name of files) {
        assert.ok(
          served.includes(readFileSync(new URL(name, staticDir), 'utf8').trimEnd()),
          `${name} is served (run npm run build:css)`,
        )
      }
    })
  })
}

for (const { name: dialect, create } of dialects) {
  describe(`bulk delete of rows whose keys are awkward in a URL on ${dialect}`, () => {
    let testDb: TestDb
    let fx: BrowseFixture
    before(async () => {
      testDb = await create()
      fx = await createBrowseFixture(testDb)
    })
    after(async () => {
      await fx?.close()
      await testDb?.drop()
    })

    it('the row boxes name their rows: preview and confirm delete exactly the ticked ones', async () => {
      const client = new EditClient(fx.admin())
      const list = await client.get(`/${fx.s}/translations/`)
      // Rows without notes pointing at them (those would block): spaces, the empty string, '%?#&'.
      const wanted = [' sp ace ', '', '100%?#&']
      const values = rowBoxes(list.html).map(([value]) => value.replaceAll('&amp;', '&'))
      const ticked = values.filter((value) => wanted.some((key) => value === recordKeyText(['en', key])))
      assert.equal(ticked.length, wanted.length)
      const form = readForm(list.html, '/translations/delete')
      const preview = await client.post(form.action, [...form.pairs, ...ticked.map((v) => ['key', v] as const)])
      const html = await preview.text()
      assert.equal(preview.status, 200)
      assert.match(html, /Delete these 3 translations\?/)
      const confirm = readForm(html, '/translations/delete')
      const done = await client.follow(await client.post(confirm.action, confirm.pairs))
      assert.match(done.html, /Deleted 3 translations\./)
      const left = await fx.connection.db.selectFrom('translations').select('key').where('lang', '=', 'en').execute()
      assert.deepEqual(left.map((r) => r.key).sort(), ['a/b', 'x,y', '~.~,'])
    })
  })
}
