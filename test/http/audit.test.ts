import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { createAdmin } from '../../src/http/create-admin.js'
import { auditLogTable, dialects, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'
import { createEditFixture } from './edit-fixture.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

interface Entry {
  actor: string | null
  table_name: string
  record_key: string
  action: string
  changes: Record<string, unknown>
  at: string
}

for (const { name: dialect } of dialects) {
  describe(`audit log on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))
    let auditFile: string
    before(() => {
      auditFile = join(dirname(fx.test.url.replace(/^sqlite:/, '')), 'audit.db')
    })

    /** An admin with auditing on, whose identity hook names `user` an editor; with no user, no hook (anonymous). */
    const client = (user: string | null) => {
      const admin = createAdmin({
        db: fx.connection.db,
        schema: fx.schema,
        checkDrift: false,
        audit: { target: dialect === 'postgres' ? 'steward.audit_log' : auditFile },
        ...(user ? { identity: () => ({ id: user, name: user, roles: ['editor'] }) } : {}),
      })
      return new EditClient(admin)
    }
    const entries = async (): Promise<Entry[]> => {
      const { rows } = await sql<Entry & { changes: string }>`select * from ${sql.raw(auditLogTable[dialect])}
        order by id`.execute(fx.connection.db)
      return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as Record<string, unknown> }))
    }
    const edit = async (c: EditClient, id: number, values: Record<string, string>) => {
      const form = readForm((await c.get(`/${fx.s}/customer/row/${id}/edit`)).html, '/edit')
      let pairs = form.pairs
      for (const [column, value] of Object.entries(values)) pairs = withValue(pairs, `v:${column}`, value)
      return c.post(form.action, pairs)
    }

    it('without audit config: no audit table, no History link, no history page', async () => {
      const plain = fx.client()
      const detail = await plain.get(`/${fx.s}/customer/row/1`)
      assert.equal(detail.status, 200)
      assert.doesNotMatch(detail.html, /History/)
      assert.equal((await plain.get(`/${fx.s}/customer/row/1/history`)).status, 404)
      await plain.follow(await edit(plain, 2, { code: 'B2' }))
      if (dialect === 'postgres') {
        const { rows } = await sql<{ n: string }>`select count(*) as n from information_schema.schemata
          where schema_name = 'steward'`.execute(fx.connection.db)
        assert.equal(Number(rows[0]!.n), 0)
      } else {
        const { rows } = await sql<{ name: string }>`select name from pragma_database_list`.execute(fx.connection.db)
        assert.deepEqual(
          rows.map((row) => row.name),
          ['main'],
        )
        assert.equal(existsSync(auditFile), false)
      }
    })

    it('a create records the values written and the new key, with the actor', async () => {
      const alice = client('alice')
      const form = readForm((await alice.get(`/${fx.s}/customer/new`)).html, '/new')
      let pairs = withValue(form.pairs, 'v:name', 'Carol')
      pairs = withValue(pairs, 'v:code', 'C')
      pairs = withValue(pairs, 'v:qty', '3')
      const page = await alice.follow(await alice.post(form.action, pairs))
      const id = /\/row\/(\d+)$/.exec(page.location)![1]!
      const [entry] = await entries()
      assert.equal(entry?.action, 'create')
      assert.equal(entry.actor, 'alice')
      assert.equal(entry.table_name, 'customer')
      assert.equal(entry.record_key, id)
      assert.deepEqual(entry.changes, { name: 'Carol', code: 'C', qty: 3, id: Number(id) })
      assert.match(entry.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    })

    it('an update records only the changed fields, before and after; an unchanged save records nothing', async () => {
      const bob = client('bob')
      await bob.follow(await edit(bob, 1, { name: 'Alicia', qty: '7' }))
      const last = (await entries()).at(-1)!
      assert.equal(last.action, 'update')
      assert.equal(last.actor, 'bob')
      assert.equal(last.record_key, '1')
      assert.deepEqual(last.changes, { name: ['Alice', 'Alicia'], qty: [1, 7] })
      const count = (await entries()).length
      const unchanged = await bob.follow(await edit(bob, 1, {}))
      assert.match(unchanged.html, /No changes to save/)
      assert.equal((await entries()).length, count)
    })

    it('a write refused by a constraint records nothing', async () => {
      const count = (await entries()).length
      const response = await edit(client('bob'), 1, { qty: '0' })
      assert.equal(response.status, 422)
      assert.equal((await entries()).length, count)
    })

    it('the history page lists the entries newest first, and the detail page links to it', async () => {
      const viewer = client(null)
      const detail = await viewer.get(`/${fx.s}/customer/row/1`)
      assert.match(detail.html, new RegExp(`href="/${fx.s}/customer/row/1/history"[^>]*>\\s*History`))
      const page = await viewer.get(`/${fx.s}/customer/row/1/history`)
      assert.equal(page.status, 200)
      assert.match(page.html, /<h1[^>]*>History of customer Alicia<\/h1>/)
      assert.match(page.html, /Changed by bob, <time datetime="\d{4}-[^"]+Z"/)
      const row = /<th scope="row"[^>]*>Name<\/th><td[^>]*>Alice<\/td><td[^>]*>Alicia<\/td>/
      assert.match(page.html, row)
      assert.doesNotMatch(page.html, /Code<\/th>/, 'unchanged fields are not listed')
    })

    it('a delete and a bulk delete record each row as it was', async () => {
      const anonymous = client(null)
      await fx.test.exec(
        "insert into customer (id, name, code) values (20, 'D20', 'x'), (21, 'D21', 'y'), (22, 'D22', 'z')",
      )
      const preview = await anonymous.get(`/${fx.s}/customer/row/20/delete`)
      const form = readForm(preview.html, '/delete')
      await anonymous.follow(await anonymous.post(form.action, form.pairs))
      const deleted = (await entries()).at(-1)!
      assert.equal(deleted.action, 'delete')
      assert.equal(deleted.actor, null)
      assert.equal(deleted.record_key, '20')
      assert.deepEqual(deleted.changes, { id: 20, name: 'D20', code: 'x', qty: null })
      const history = await anonymous.get(`/${fx.s}/customer/row/20/history`)
      assert.match(history.html, /Deleted by anonymous/)

      const carol = client('carol')
      const token = readForm((await carol.get(`/${fx.s}/customer/row/21/delete`)).html, '/delete').pairs[0]![1]
      const bulk = await carol.post(`/${fx.s}/customer/delete`, [
        [csrfField, token],
        ['key', '21'],
        ['key', '22'],
        ['confirm', '1'],
      ])
      assert.equal(bulk.status, 303)
      const last = (await entries()).slice(-2)
      assert.deepEqual(
        last.map((entry) => [entry.action, entry.actor, entry.record_key, entry.changes.name]),
        [
          ['delete', 'carol', '21', 'D21'],
          ['delete', 'carol', '22', 'D22'],
        ],
      )
    })

    it('when the audit entry cannot be written, the change is rolled back with a readable message', async () => {
      const bob = client('bob')
      await bob.get(`/${fx.s}/customer/row/1`)
      if (dialect === 'postgres') await fx.test.exec('drop table steward.audit_log')
      else await sql`drop table steward_audit.audit_log`.execute(fx.connection.db)
      const response = await edit(bob, 1, { name: 'Lost' })
      assert.equal(response.status, 409)
      assert.match(await response.text(), /its audit entry could not be written\. Nothing was changed\./)
      const { rows } = await sql<{ name: string }>`select name from customer where id = 1`.execute(fx.connection.db)
      assert.equal(rows[0]?.name, 'Alicia')
      const created = readForm((await bob.get(`/${fx.s}/customer/new`)).html, '/new')
      const pairs = withValue(withValue(created.pairs, 'v:name', 'Never'), 'v:code', 'N')
      const refused = await bob.post(created.action, pairs)
      assert.equal(refused.status, 409)
      const { rows: none } = await sql`select id from customer where name = 'Never'`.execute(fx.connection.db)
      assert.equal(none.length, 0)
    })
  })
}
