import assert from 'node:assert/strict'
import { dirname, join } from 'node:path'
import { before, beforeEach, describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import type { Hono } from 'hono'
import { csrfField } from '../../src/http/middleware/csrf.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { Refusal } from '../../src/resources/behaviour.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { auditLogTable, dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

const setup: Record<DialectName, string> = {
  postgres: `
    create table item (id serial primary key, name text not null, qty int, note text);
    create table item_log (id serial primary key, what text not null);`,
  sqlite: `
    create table item (id integer primary key, name text not null, qty int, note text);
    create table item_log (id integer primary key, what text not null);`,
}
const data = `insert into item (name, qty) values ('Apple', 1), ('Pear', 2), ('Plum', 3), ('Fig', 4), ('Keep', 5), ('Quince', 6)`

/**
 * Every hook records what it got in `events`. The table's `beforeSave` writes to `item_log` through `trx`
 * before it decides, refuses or throws by the name typed, and else sets `note` (a column nobody typed in).
 */
function hooksConfig(events: string[]): StewardConfigInput {
  const log = (trx: Kysely<any>, what: string) => trx.insertInto('item_log').values({ what }).execute()
  return {
    hooks: {
      beforeSave: ({ mode, table }) => void events.push(`global beforeSave ${mode} ${table.name}`),
      afterSave: ({ mode, row }) => void events.push(`global afterSave ${mode} ${String(row.name)}`),
      beforeDelete: ({ row }) => void events.push(`global beforeDelete ${String(row.id)}`),
      afterDelete: ({ row }) => void events.push(`global afterDelete ${String(row.id)}`),
    },
    tables: {
      item: {
        hooks: {
          async beforeSave({ trx, user, mode, values, current }) {
            const keys = Object.keys(values).sort().join(',')
            events.push(`beforeSave ${mode} [${keys}] current=${String(current?.name ?? null)} user=${user?.name}`)
            const name = values.name ?? current?.name
            await log(trx, `${mode} ${String(name)}`)
            if (name === 'refuse-field') throw new Refusal('Names like this are not allowed.', { field: 'name' })
            if (name === 'refuse-top') throw new Refusal('Saving is closed today.')
            if (name === 'refuse-elsewhere') throw new Refusal('Not a field of this form.', { field: 'no_such' })
            if (name === 'crash') throw new Error('secret internal text')
            return { note: `by ${user?.name}` }
          },
          afterSave({ mode, row, values }) {
            const keys = Object.keys(values).sort().join(',')
            events.push(`afterSave ${mode} ${String(row.name)} note=${String(row.note)} [${keys}]`)
          },
          beforeDelete({ row }) {
            events.push(`beforeDelete ${String(row.id)}`)
            if (row.name === 'Keep') throw new Refusal('This row is kept.')
          },
          async afterDelete({ trx, row }) {
            events.push(`afterDelete ${String(row.id)}`)
            await log(trx, `deleted ${String(row.id)}`)
          },
        },
      },
    },
  }
}

/** The HTML of one field's row on a form. */
function fieldBlock(html: string, column: string): string {
  const start = html.indexOf(`data-field="${column}"`)
  assert.ok(start >= 0, `no field ${column}`)
  const next = html.indexOf('data-field="', start + 1)
  return html.slice(start, next < 0 ? undefined : next)
}

for (const { name: dialect } of dialects) {
  describe(`write hooks on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, `${setup[dialect]}; ${data}`))
    const events: string[] = []
    const logged: unknown[][] = []
    let app: Hono<any>
    before(() => {
      const auditFile = join(dirname(fx.test.url.replace(/^sqlite:/, '')), 'audit.db')
      app = fx.admin({
        config: hooksConfig(events),
        audit: { target: dialect === 'postgres' ? 'steward.audit_log' : auditFile },
        identity: () => ({ id: 'u1', name: 'Uma', roles: ['editor'] }),
        logger: { info() {}, warn() {}, error: (...args: unknown[]) => void logged.push(args) },
      })
    })
    beforeEach(() => {
      events.length = 0
      logged.length = 0
    })

    const client = () => new EditClient(app)
    const item = async (id: number) =>
      (await sql<Record<string, unknown>>`select name, qty, note from item where id = ${id}`.execute(fx.connection.db))
        .rows[0]
    const itemLog = async () =>
      (await sql<{ what: string }>`select what from item_log order by id`.execute(fx.connection.db)).rows.map(
        (row) => row.what,
      )
    const auditEntries = async () =>
      (
        await sql<{ action: string; record_key: string; changes: string }>`select action, record_key, changes
          from ${sql.raw(auditLogTable[dialect])} order by id`.execute(fx.connection.db)
      ).rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as Record<string, unknown> }))
    const postEdit = async (c: EditClient, id: number, values: Record<string, string>) => {
      const form = readForm((await c.get(`/${fx.s}/item/row/${id}/edit`)).html, '/edit')
      let pairs = form.pairs
      for (const [column, value] of Object.entries(values)) pairs = withValue(pairs, `v:${column}`, value)
      return c.post(form.action, pairs)
    }
    /** Runs `fn` and returns how many audit entries and log rows it added. */
    const added = async (fn: () => Promise<void>) => {
      const [entries, log] = [(await auditEntries()).length, (await itemLog()).length]
      await fn()
      return { entries: (await auditEntries()).length - entries, log: (await itemLog()).length - log }
    }

    it('create: beforeSave (global, then the table) can set a column nobody typed; afterSave gets the row written', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/item/new`)).html, '/new')
      const pairs = withValue(withValue(form.pairs, 'v:name', 'Mango'), 'v:qty', '7')
      const page = await c.follow(await c.post(form.action, pairs))
      assert.match(page.html, /Added item Mango\./)
      const id = Number(/\/item\/row\/(\d+)/.exec(page.location)?.[1])
      assert.deepEqual({ ...(await item(id)) }, { name: 'Mango', qty: 7, note: 'by Uma' })
      assert.deepEqual(events, [
        'global beforeSave create item',
        'beforeSave create [name,note,qty] current=null user=Uma',
        'afterSave create Mango note=by Uma [name,note,qty]',
        'global afterSave create Mango',
      ])
      const entry = (await auditEntries()).at(-1)!
      assert.equal(entry.action, 'create')
      assert.equal(entry.changes.note, 'by Uma')
      assert.equal((await itemLog()).at(-1), 'create Mango')
    })

    it('update: beforeSave gets only the changed columns and the row before; its value is written and audited', async () => {
      const c = client()
      const page = await c.follow(await postEdit(c, 1, { qty: '9' }))
      assert.match(page.html, /Saved item Apple\./)
      assert.deepEqual({ ...(await item(1)) }, { name: 'Apple', qty: 9, note: 'by Uma' })
      assert.deepEqual(events, [
        'global beforeSave update item',
        'beforeSave update [qty] current=Apple user=Uma',
        'afterSave update Apple note=by Uma [note,qty]',
        'global afterSave update Apple',
      ])
      const entry = (await auditEntries()).at(-1)!
      assert.deepEqual(entry, { action: 'update', record_key: '1', changes: { qty: [1, 9], note: [null, 'by Uma'] } })
      assert.equal((await itemLog()).at(-1), 'update Apple')
    })

    // What the user typed, the status, where the message shows: nothing is written, audited or logged by trx.
    const refusals = [
      { name: 'refuse-field', status: 422, field: 'Names like this are not allowed.', top: null },
      { name: 'refuse-top', status: 409, field: null, top: 'Saving is closed today.' },
      { name: 'refuse-elsewhere', status: 409, field: null, top: 'Not a field of this form.' },
      {
        name: 'crash',
        status: 409,
        field: null,
        top: 'The save was stopped by an error in the beforeSave hook of Items. Nothing was changed.',
      },
    ]
    for (const refusal of refusals) {
      it(`edit refused by a hook (${refusal.name}): the form comes back with the input, nothing written`, async () => {
        let response: Response | undefined
        const counts = await added(async () => {
          response = await postEdit(client(), 2, { name: refusal.name, qty: '20' })
        })
        assert.deepEqual(counts, { entries: 0, log: 0 })
        assert.equal(response!.status, refusal.status)
        const html = await response!.text()
        const nameField = fieldBlock(html, 'name')
        assert.match(nameField, new RegExp(`value="${refusal.name}"`))
        assert.match(fieldBlock(html, 'qty'), /value="20"/)
        if (refusal.field) assert.ok(nameField.includes(refusal.field), 'the message is beside the name field')
        if (refusal.top) assert.match(html, new RegExp(`role="alert"[\\s\\S]*${refusal.top.replace(/\./g, '\\.')}`))
        assert.doesNotMatch(html, /secret internal text/)
        assert.deepEqual({ ...(await item(2)) }, { name: 'Pear', qty: 2, note: null })
        assert.equal(logged.length, refusal.name === 'crash' ? 1 : 0)
        if (refusal.name === 'crash') assert.match(String((logged[0]![1] as Error).message), /secret internal text/)
      })
    }

    it('create refused beside a field: the typed input stays, no row, no audit entry', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/item/new`)).html, '/new')
      let response: Response | undefined
      const before = Number(
        (await sql<{ n: number }>`select count(*) as n from item`.execute(fx.connection.db)).rows[0]!.n,
      )
      const counts = await added(async () => {
        response = await c.post(form.action, withValue(form.pairs, 'v:name', 'refuse-field'))
      })
      assert.deepEqual(counts, { entries: 0, log: 0 })
      assert.equal(response!.status, 422)
      const nameField = fieldBlock(await response!.text(), 'name')
      assert.match(nameField, /value="refuse-field"/)
      assert.match(nameField, /Names like this are not allowed\./)
      const after = Number(
        (await sql<{ n: number }>`select count(*) as n from item`.execute(fx.connection.db)).rows[0]!.n,
      )
      assert.equal(after, before)
    })

    it('delete refused by beforeDelete: shown on the delete page, the row stays', async () => {
      const c = client()
      const form = readForm((await c.get(`/${fx.s}/item/row/5/delete`)).html, '/delete')
      const response = await c.post(form.action, form.pairs)
      assert.equal(response.status, 409)
      assert.match(await response.text(), /This row is kept\./)
      assert.equal((await item(5))?.name, 'Keep')
      assert.deepEqual(events, ['global beforeDelete 5', 'beforeDelete 5'])
    })

    it('bulk delete runs the hooks per row, and afterDelete writes through trx with the delete', async () => {
      const c = client()
      const token = readForm((await c.get(`/${fx.s}/item/row/3/delete`)).html, '/delete').pairs[0]![1]
      const counts = await added(async () => {
        const response = await c.post(`/${fx.s}/item/delete`, [
          [csrfField, token],
          ['key', '3'],
          ['key', '4'],
          ['confirm', '1'],
        ])
        assert.equal(response.status, 303)
      })
      assert.deepEqual(counts, { entries: 2, log: 2 })
      assert.deepEqual(events, [
        'global beforeDelete 3',
        'beforeDelete 3',
        'afterDelete 3',
        'global afterDelete 3',
        'global beforeDelete 4',
        'beforeDelete 4',
        'afterDelete 4',
        'global afterDelete 4',
      ])
      assert.deepEqual([await item(3), await item(4)], [undefined, undefined])
    })

    it('bulk delete refused on one row rolls back the rows and hook writes before it', async () => {
      const c = client()
      const token = readForm((await c.get(`/${fx.s}/item/row/6/delete`)).html, '/delete').pairs[0]![1]
      let response: Response | undefined
      const counts = await added(async () => {
        response = await c.post(`/${fx.s}/item/delete`, [
          [csrfField, token],
          ['key', '6'],
          ['key', '5'],
          ['confirm', '1'],
        ])
      })
      assert.equal(response!.status, 409)
      assert.match(await response!.text(), /This row is kept\./)
      assert.deepEqual(counts, { entries: 0, log: 0 })
      assert.equal((await item(6))?.name, 'Quince')
      assert.ok(events.includes('afterDelete 6'), 'row 6 was deleted, then rolled back with row 5')
    })
  })
}
