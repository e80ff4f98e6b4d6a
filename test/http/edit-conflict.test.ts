import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { readForm, withValue } from './edit-client.js'
import { createEditFixture } from './edit-fixture.js'

for (const { name: dialect } of dialects) {
  describe(`two sessions editing the same row on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))
    const customer = (id: number) =>
      fx.connection.db.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

    it('stops the second save, shows both values, and re-applies only what the second user changed', async () => {
      const a = fx.client()
      const b = fx.client()
      const path = `/${fx.s}/customer/row/1/edit`
      const formA = readForm((await a.get(path)).html, '/edit')
      const formB = readForm((await b.get(path)).html, '/edit')

      await a.follow(await a.post(path, withValue(formA.pairs, 'v:qty', '5')))
      assert.equal((await customer(1)).qty, 5)

      const conflict = await b.post(path, withValue(formB.pairs, 'v:name', 'Alicia'))
      assert.equal(conflict.status, 409)
      const html = await conflict.text()
      assert.match(html, /changed by someone else after you opened the form/)
      assert.match(html, /<th scope="row"[^>]*>Qty<\/th><td[^>]*>\(you did not change it\)<\/td><td[^>]*>5<\/td>/)
      assert.equal((await customer(1)).name, 'Alice', 'nothing of B was written')

      // The conflict form carries B's change over the current row: saving it keeps A's qty.
      const again = readForm(html, '/edit')
      assert.ok(again.pairs.some(([n, v]) => n === 'v:name' && v === 'Alicia'))
      assert.ok(again.pairs.some(([n, v]) => n === 'v:qty' && v === '5'))
      const saved = await b.follow(await b.post(path, again.pairs))
      assert.match(saved.html, /Saved customer Alicia\./)
      const row = await customer(1)
      assert.deepEqual([row.name, row.qty], ['Alicia', 5])
    })

    it('marks a field both sessions changed, and the re-applied value wins only when saved again', async () => {
      const a = fx.client()
      const b = fx.client()
      const path = `/${fx.s}/customer/row/2/edit`
      const formA = readForm((await a.get(path)).html, '/edit')
      const formB = readForm((await b.get(path)).html, '/edit')
      await a.follow(await a.post(path, withValue(formA.pairs, 'v:qty', '10')))
      const conflict = await b.post(path, withValue(formB.pairs, 'v:qty', '20'))
      assert.equal(conflict.status, 409)
      const html = await conflict.text()
      assert.match(html, />Qty<span[^>]*>both changed<\/span><\/th><td[^>]*>20<\/td><td[^>]*>10<\/td>/)
      assert.match(html, /Saved meanwhile by someone else: <span[^>]*>10<\/span>/)
      assert.equal((await customer(2)).qty, 10)
      await b.follow(await b.post(path, readForm(html, '/edit').pairs))
      assert.equal((await customer(2)).qty, 20)
    })

    it("keeps the user's values when the row was deleted meanwhile", async () => {
      const client = fx.client()
      await fx.test.exec("insert into customer (id, name, code, qty) values (50, 'Temp', 'T', 1)")
      const path = `/${fx.s}/customer/row/50/edit`
      const form = readForm((await client.get(path)).html, '/edit')
      await fx.test.exec('delete from customer where id = 50')
      const response = await client.post(path, withValue(form.pairs, 'v:code', 'typed by me'))
      assert.equal(response.status, 409)
      const html = await response.text()
      assert.match(html, /deleted by someone else/)
      assert.match(html, /typed by me/)
    })
  })
}
