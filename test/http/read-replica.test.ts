import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'

const schemaSql = 'create table items (id integer primary key, name text not null);'

// Two databases with the same tables and different rows stand for a primary and a replica that has not caught
// up: every page shows which one it read.
for (const { name: dialect } of dialects) {
  describe(`a read replica on ${dialect}`, () => {
    const fx = suiteFixture(async () => {
      const primary = await openAdminDb(dialect, `${schemaSql} insert into items values (1, 'on the primary');`)
      const replica = await openAdminDb(
        dialect,
        `${schemaSql} insert into items values (1, 'on the replica'), (2, 'only on the replica');`,
      )
      return {
        primary,
        app: createAdmin({
          db: primary.connection.db,
          replica: replica.connection.db,
          schema: primary.schema,
          checkDrift: false,
        }),
        async close() {
          await primary.close()
          await replica.close()
        },
      }
    })

    it('reads lists, searches, record pages, lookups, counts and exports from the replica', async () => {
      const client = new EditClient(fx.app)
      const s = fx.primary.s
      const pages = await Promise.all(
        [
          `/${s}/items/`,
          // Searches read through the long-statement reader (on SQLite, worker processes on the replica's file).
          `/${s}/items/?q=replica`,
          '/search?q=replica',
          `/${s}/items/row/1`,
          `/${s}/items/lookup?q=replica`,
          `/${s}/items/export.csv`,
        ].map((path) => client.get(path)),
      )
      for (const page of pages) {
        assert.equal(page.status, 200)
        assert.match(page.html, /on the replica/)
        assert.doesNotMatch(page.html, /on the primary/)
      }
      assert.match(pages[0]!.html, /only on the replica/)
    })

    it('writes to the primary, checks conflicts there, and shows the page after the write from the primary', async () => {
      const client = new EditClient(fx.app)
      const s = fx.primary.s
      const form = readForm((await client.get(`/${s}/items/row/1/edit`)).html, '/edit')
      assert.deepEqual(
        form.pairs.find(([name]) => name === 'v:name'),
        ['v:name', 'on the primary'],
      )
      const pairs = form.pairs.map(([name, value]) => [name, name === 'v:name' ? 'saved' : value] as const)
      const after = await client.follow(await client.post(form.action, pairs))
      assert.match(after.html, /saved/)
      const rows = await fx.primary.connection.db.selectFrom('items').select('name').execute()
      assert.deepEqual(rows, [{ name: 'saved' }])
      // The next page reads the replica again, which has not caught up.
      assert.match((await client.get(after.location)).html, /on the replica/)
    })
  })
}
