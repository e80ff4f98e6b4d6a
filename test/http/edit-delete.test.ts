import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { readForm } from './edit-client.js'
import { createEditFixture, tableCount } from './edit-fixture.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

for (const { name: dialect } of dialects) {
  describe(`delete with preview on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))

    it('lists what a three-level cascade takes, what is cleared, and deletes it all in one go', async () => {
      const client = fx.client()
      const page = await client.get(`/${fx.s}/customer/row/1/delete`)
      assert.equal(page.status, 200)
      assert.match(page.html, /Also deleted \(ON DELETE CASCADE\)/)
      assert.match(page.html, /<span class="font-medium">2 rows<\/span> in Orders/)
      assert.match(page.html, /class="pl-4"><span class="font-medium">6 rows<\/span> in Line/)
      assert.match(page.html, /<span class="font-medium">1 row<\/span> in Invoice/)
      assert.doesNotMatch(page.html, /Blocking the delete/)
      assert.doesNotMatch(page.html, /<button type="submit" disabled/)
      const form = readForm(page.html, '/delete')
      const list = await client.follow(await client.post(form.action, form.pairs))
      assert.match(list.location, /\/customer\/$/)
      assert.match(list.html, /Deleted 1 row from Customer\./)
      assert.deepEqual(
        [await tableCount(fx, 'orders'), await tableCount(fx, 'line'), await tableCount(fx, 'invoice')],
        [1, 1, 1],
      )
    })

    it('shows a blocker two levels down and disables the button; a forced post deletes nothing', async () => {
      const client = fx.client()
      const page = await client.get(`/${fx.s}/customer/row/2/delete`)
      assert.match(page.html, /Blocking the delete \(RESTRICT \/ NO ACTION\)/)
      assert.match(page.html, /1 row<\/span> in Hold/)
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
      assert.match(html, /Delete these 2 rows of Customer\?/)
      assert.match(html, /1 row<\/span> in Orders/)
      const confirm = readForm(html, '/customer/delete')
      assert.deepEqual(
        confirm.pairs.filter(([n]) => n === 'key').map(([, v]) => v),
        ['10', '11'],
      )
      const list = await client.follow(await client.post(confirm.action, confirm.pairs))
      assert.match(list.html, /Deleted 2 rows from Customer\./)
      assert.equal(await tableCount(fx, 'customer'), 1)
    })
  })
}
