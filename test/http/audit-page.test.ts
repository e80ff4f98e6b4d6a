// The audit page across records: filters, paging, what a role may see, and the index's recent actions.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Hono } from 'hono'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { defaultSchema, dialects, type TestDb } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'

const setup = `create table notes (id integer primary key, body text not null);
  create table secrets (id integer primary key, body text not null);
  insert into notes values (1, 'one'), (2, 'two');
  insert into secrets values (1, 'hush');`

for (const { name: dialect, create } of dialects) {
  describe(`the audit page on ${dialect}`, () => {
    let db: TestDb
    let connection: Connection
    let schema: SchemaMetadata
    let admin: Hono<any>
    const dir = mkdtempSync(join(tmpdir(), 'steward-audit-page-'))
    const s = defaultSchema[dialect]
    before(async () => {
      db = await create(setup)
      connection = await connect(db.url)
      schema = await connection.dialect.introspect(connection.db)
      admin = createAdmin({
        db: connection.db,
        schema,
        checkDrift: false,
        secret: 'test',
        audit: { target: dialect === 'sqlite' ? join(dir, 'audit.db') : 'steward_page.audit_log' },
        config: { roles: { notes_only: { tables: { notes: ['view'] } } } },
        identity: (c) => {
          const name = c.req.header('x-user') ?? ''
          const role = c.req.header('x-role') ?? 'editor'
          return name ? { id: name, name, roles: [role] } : null
        },
      })
      // Three changes by two people on two tables.
      await edit('ada', 'notes', 1, 'one!')
      await edit('bob', 'notes', 2, 'two!')
      await edit('ada', 'secrets', 1, 'hush!')
    })
    after(async () => {
      await connection?.close()
      await db?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    function as(user: string, role = 'editor') {
      return new EditClient({
        request: (path: string, init: RequestInit = {}) => {
          const headers = new Headers(init.headers)
          headers.set('x-user', user)
          headers.set('x-role', role)
          return admin.request(path, { ...init, headers })
        },
      } as unknown as Hono)
    }
    async function edit(user: string, table: string, id: number, body: string) {
      const client = as(user)
      const form = readForm((await client.get(`/${s}/${table}/row/${id}/edit`)).html, '/edit')
      const pairs = form.pairs.map(([k, v]) => [k, k === 'v:body' ? body : v] as const)
      await client.follow(await client.post(form.action, pairs))
    }
    const rowsOf = (html: string) =>
      [...html.matchAll(/<tr class="border-t[^"]*align-top[\s\S]*?<\/tr>/g)].map((m) => m[0])

    it('lists every change newest first, each linked to its record’s history', async () => {
      const page = await as('ada').get('/audit')
      assert.equal(page.status, 200)
      const rows = rowsOf(page.html)
      assert.equal(rows.length, 3)
      assert.match(rows[0]!, /ada[\s\S]*Changed[\s\S]*Secrets/)
      assert.match(rows[2]!, new RegExp(`href="/${s}/notes/row/1/history"`))
      assert.match(rows[2]!, />Body</, 'names the changed field')
    })

    it('filters by user, table, action and day', async () => {
      const ada = as('ada')
      assert.equal(rowsOf((await ada.get('/audit?actor=ada')).html).length, 2)
      assert.equal(rowsOf((await ada.get('/audit?actor=bob&table=notes')).html).length, 1)
      assert.equal(rowsOf((await ada.get('/audit?action=delete')).html).length, 0)
      const today = new Date().toISOString().slice(0, 10)
      assert.equal(rowsOf((await ada.get(`/audit?from=${today}&to=${today}`)).html).length, 3)
      assert.equal(rowsOf((await ada.get('/audit?to=2000-01-01')).html).length, 0)
    })

    it('refuses unknown or malformed parameters before any query', async () => {
      for (const query of ['?nope=1', '?from=yesterday', '?before=abc', '?action=drop', '?table=nosuch'])
        assert.equal((await as('ada').get(`/audit${query}`)).status, 400, query)
    })

    it("does not list Steward's own audit table among the user's tables", async () => {
      // Introspected again now that the audit table exists (on Postgres it sits in a schema of its own).
      const again = await connection.dialect.introspect(connection.db)
      const target = dialect === 'sqlite' ? join(dir, 'audit.db') : 'steward_page.audit_log'
      const fresh = createAdmin({ db: connection.db, schema: again, checkDrift: false, audit: { target } })
      const index = await (await fresh.request('/')).text()
      assert.match(index, new RegExp(`href="/${s}/notes/"`))
      assert.doesNotMatch(index, /audit_log/)
      assert.equal((await fresh.request('/steward_page/audit_log/')).status, 404)
    })

    it('shows only changes to tables the user may view, on the audit page and the index', async () => {
      const reader = as('cy', 'notes_only')
      const rows = rowsOf((await reader.get('/audit')).html)
      assert.equal(rows.length, 2)
      assert.ok(rows.every((row) => !row.includes('Secrets')))
      const index = (await reader.get('/')).html
      assert.match(index, /Recent actions/)
      assert.doesNotMatch(index, /secrets\/row/)
      assert.match(index, new RegExp(`href="/${s}/notes/row/2/history"`))
    })
  })
}
