import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { readForm } from './edit-client.js'
import { createEditFixture } from './edit-fixture.js'

for (const { name: dialect } of dialects) {
  describe(`saving an unchanged edit form on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))

    for (const id of [1, 2]) {
      it(`leaves row ${id} with a column of every kind byte-identical, and runs no UPDATE`, async () => {
        const client = fx.client()
        const before = await fx.rawRow('everything', id)
        const page = await client.get(`/${fx.s}/everything/row/${id}/edit`)
        assert.equal(page.status, 200, page.html.slice(0, 300))
        const form = readForm(page.html, '/edit')
        const saved = await client.post(form.action, [...form.pairs, ['_action', 'save']])
        const next = await client.follow(saved)
        assert.match(next.html, /No changes to save/)
        assert.deepEqual(await fx.rawRow('everything', id), before)
        const rows = await fx.connection.db.selectFrom('audit').selectAll().execute()
        assert.equal(rows.length, 0, 'no UPDATE statement reached the table')
      })
    }
  })
}
