import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { readForm } from './edit-client.js'
import { createEditFixture, tableCount } from './edit-fixture.js'
import { csrfField } from '../../src/http/middleware/csrf.js'
import { bodyRows } from './crawl-pages.js'

/** The delete page's counted relations that link to their rows: [text, href]. */
const effectLinks = (html: string) =>
  [...html.matchAll(/<a href="([^"]+)" class="font-medium">([^<]+)<\/a>/g)].map((m) => [
    m[2],
    m[1]!.replace(/&amp;/g, '&'),
  ])
const developerDetails = (html: string) =>
  /<details[^>]*data-developer-details[\s\S]*?<\/details>/.exec(html)?.[0] ?? ''
const mainText = (html: string) => html.replace(/<details[\s\S]*?<\/details>/g, '')
/** The keys of the rows a list page shows, from their row links. */
const listedIds = (html: string, schema: string, table: string) =>
  bodyRows(html).map((row) => Number(new RegExp(`href="/${schema}/${table}/row/(\\d+)[?"]`).exec(row)?.[1]))

for (const { name: dialect } of dialects) {
  describe(`delete with preview on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))

    it('lists what a three-level cascade takes, what is cleared, and deletes it all in one go', async () => {
      const client = fx.client()
      const page = await client.get(`/${fx.s}/customer/row/1/delete`)
      assert.equal(page.status, 200)
      assert.match(page.html, /<h1[^>]*>Delete customer Alice<\/h1>/)
      assert.match(page.html, /Delete this customer\?/)
      assert.match(page.html, /Will also be deleted/)
      assert.match(
        page.html,
        new RegExp(`<a href="/${fx.s}/orders/\\?f\\.customer_id=1" class="font-medium">2 orders</a>`),
      )
      // Lines go with the orders: counted, but no list filter names "the lines of these orders".
      assert.match(page.html, /class="pl-4"><span class="font-medium">6 lines<\/span>/)
      assert.match(page.html, /<span class="font-medium">1 invoice<\/span> will be kept, with the order cleared/)
      assert.doesNotMatch(page.html, /Must be deleted or reassigned first/)
      assert.doesNotMatch(mainText(page.html), /ON DELETE|CASCADE|RESTRICT|SET NULL/)
      assert.match(developerDetails(page.html), /orders \(customer_id\) ON DELETE CASCADE/)
      assert.doesNotMatch(page.html, /<button type="submit" disabled/)
      const form = readForm(page.html, '/delete')
      const list = await client.follow(await client.post(form.action, form.pairs))
      assert.match(list.location, /\/customer\/$/)
      assert.match(list.html, /Deleted 1 customer\./)
      assert.deepEqual(
        [await tableCount(fx, 'orders'), await tableCount(fx, 'line'), await tableCount(fx, 'invoice')],
        [1, 1, 1],
      )
    })

    it('shows a blocker two levels down and disables the button; a forced post deletes nothing', async () => {
      const client = fx.client()
      const page = await client.get(`/${fx.s}/customer/row/2/delete`)
      assert.match(page.html, /Must be deleted or reassigned first/)
      assert.match(page.html, /<span class="font-medium">1 hold<\/span>/)
      assert.match(page.html, /This customer cannot be deleted yet/)
      assert.match(page.html, /<button type="submit" disabled=""/)
      const response = await client.post(`/${fx.s}/customer/row/2/delete`, [
        [csrfField, readForm(page.html, '/delete').pairs[0]![1]],
      ])
      assert.equal(response.status, 409)
      assert.match(await response.text(), /nothing was deleted/)
      assert.equal(await tableCount(fx, 'customer'), 1)
    })

    it('bulk deletes a selection from the list after the same preview', async () => {
      const client = fx.client()
      await fx.test.exec(
        "insert into customer (id, name, code) values (10, 'C10', 'x'), (11, 'C11', 'y'); insert into orders (customer_id) values (10)",
      )
      const token = readForm((await client.get(`/${fx.s}/customer/row/10/delete`)).html, '/delete').pairs[0]![1]
      const preview = await client.post(`/${fx.s}/customer/delete`, [
        [csrfField, token],
        ['key', '10'],
        ['key', '11'],
      ])
      assert.equal(preview.status, 200)
      const html = await preview.text()
      assert.match(html, /<h1[^>]*>Delete 2 customers<\/h1>/)
      assert.match(html, /Delete these 2 customers\?/)
      // One filter value per selected row: the list shows the orders of both.
      assert.match(
        html,
        new RegExp(
          `<a href="/${fx.s}/orders/\\?f\\.customer_id=10&amp;f\\.customer_id=11" class="font-medium">1 order</a>`,
        ),
      )
      const confirm = readForm(html, '/customer/delete')
      assert.deepEqual(
        confirm.pairs.filter(([n]) => n === 'key').map(([, v]) => v),
        ['10', '11'],
      )
      const list = await client.follow(await client.post(confirm.action, confirm.pairs))
      assert.match(list.html, /Deleted 2 customers\./)
      assert.equal(await tableCount(fx, 'customer'), 1)
    })

    it('links each relation of the deleted row to exactly its rows, in plain words', async () => {
      const client = fx.client()
      await fx.test.exec('insert into invoice (order_id) values (3), (3)')
      const page = await client.get(`/${fx.s}/orders/row/3/delete`)
      assert.match(page.html, /<h1[^>]*>Delete order 3<\/h1>/)
      const effects = effectLinks(page.html)
      assert.deepEqual(effects, [
        ['1 line', `/${fx.s}/line/?f.order_id=3`],
        ['2 invoices', `/${fx.s}/invoice/?f.order_id=3`],
      ])
      assert.match(page.html, /2 invoices<\/a> will be kept, with the order cleared/)
      // The hold points at a line, not at the order: counted as a blocker, not linked.
      assert.match(page.html, /Must be deleted or reassigned first[\s\S]*<span class="font-medium">1 hold<\/span>/)
      for (const [, href] of effects) {
        const [, table = '', column = ''] = /\/([a-z]+)\/\?f\.([a-z_]+)=/.exec(href!)!
        const list = await client.get(href!)
        assert.equal(list.status, 200)
        const expected = await fx.connection.db
          .selectFrom(table)
          .select('id')
          .where(column, '=', 3)
          .orderBy('id')
          .execute()
        assert.deepEqual(
          listedIds(list.html, fx.s, table),
          expected.map((r: { id: unknown }) => Number(r.id)),
        )
      }
    })

    it('a blocker pointing at the row itself links to the blocking rows, and the list shows exactly them', async () => {
      const client = fx.client()
      const page = await client.get(`/${fx.s}/line/row/7/delete`)
      assert.match(page.html, /<h1[^>]*>Delete line 7<\/h1>/)
      assert.deepEqual(effectLinks(page.html), [['1 hold', `/${fx.s}/hold/?f.line_id=7`]])
      assert.match(page.html, /This line cannot be deleted yet/)
      assert.match(page.html, /<button type="submit" disabled=""/)
      assert.match(developerDetails(page.html), /hold \(line_id\) ON DELETE (NO ACTION|RESTRICT)/)
      const list = await client.get(`/${fx.s}/hold/?f.line_id=7`)
      assert.deepEqual(listedIds(list.html, fx.s, 'hold'), [1])
    })
  })
}
