import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { Principal } from '../../src/auth/permissions.js'
import { csrfField } from '../../src/http/middleware/csrf.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import type { TableAction } from '../../src/resources/behaviour.js'
import { auditLogTable, dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

const setup = `
  create table item (id integer primary key, name text not null, status text not null);
  create table note (id integer primary key, body text not null);
  insert into item (id, name, status) values (1, 'One', 'new'), (2, 'Two', 'new'), (3, 'Three', 'new'),
    (4, 'Four', 'new'), (5, 'Five', 'new');
  insert into note (id, body) values (1, 'first');
`

const close: TableAction = {
  label: 'Close',
  permission: 'change',
  on: 'both',
  confirm: true,
  run: async ({ trx, rows }) => {
    const ids = rows.map((row) => Number(row.id))
    await trx.updateTable('item').set({ status: 'closed' }).where('id', 'in', ids).execute()
  },
}

const config: StewardConfigInput = {
  tables: {
    item: { actions: { close } },
    note: { requireReason: true, actions: { close: { ...close, run: () => {} } } },
  },
}

interface Entry {
  table_name: string
  record_key: string
  action: string
  reason: string | null
}

for (const { name: dialect } of dialects) {
  describe(`reason for a change on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const dir = mkdtempSync(join(tmpdir(), 'steward-reason-'))
    after(() => rmSync(dir, { recursive: true, force: true }))
    const audit = { target: dialect === 'postgres' ? 'steward.audit_log' : join(dir, 'audit.db') }
    const client = (options: { audit?: boolean; config?: StewardConfigInput } = {}) =>
      new EditClient(
        fx.admin({
          secret: 'test',
          config: options.config ?? config,
          ...(options.audit === false ? {} : { audit }),
          identity: (): Principal => ({ id: 'ann', name: 'ann', roles: ['admin'] }),
        }),
      )
    const entries = async (): Promise<Entry[]> =>
      (
        await sql<Entry>`select table_name, record_key, action, reason from ${sql.raw(auditLogTable[dialect])}
          order by id`.execute(fx.connection.db)
      ).rows
    const path = (rest: string) => `/${fx.s}${rest}`
    const history = async (c: EditClient, table: string, key: string) =>
      (await c.get(path(`/${table}/row/${key}/history`))).html
    const rowOf = async (table: string, id: number) =>
      (await sql<Record<string, unknown>>`select * from ${sql.id(table)} where id = ${id}`.execute(fx.connection.db))
        .rows[0]

    it('an edit keeps its reason with the entry, in History and on the audit page, never in the row', async () => {
      const ann = client()
      const form = readForm((await ann.get(path('/item/row/1/edit'))).html, '/edit')
      assert.ok(
        form.pairs.some(([name]) => name === '_reason'),
        'the form offers a reason',
      )
      let pairs = withValue(form.pairs, 'v:name', 'One!')
      pairs = withValue(pairs, '_reason', 'Customer asked by email <b>')
      await ann.follow(await ann.post(form.action, pairs))
      const last = (await entries()).at(-1)!
      assert.deepEqual(last, {
        table_name: 'item',
        record_key: '1',
        action: 'update',
        reason: 'Customer asked by email <b>',
      })
      assert.deepEqual(await rowOf('item', 1), { id: 1, name: 'One!', status: 'new' })
      assert.match(await history(ann, 'item', '1'), /Reason:<\/span> Customer asked by email &lt;b&gt;/)
      assert.match((await ann.get('/audit')).html, /Reason: Customer asked by email &lt;b&gt;/)
    })

    it('an untouched form saved with only a reason changes nothing and records nothing', async () => {
      const ann = client()
      const count = (await entries()).length
      const form = readForm((await ann.get(path('/item/row/2/edit'))).html, '/edit')
      const page = await ann.follow(await ann.post(form.action, withValue(form.pairs, '_reason', 'just because')))
      assert.match(page.html, /No changes to save/)
      assert.equal((await entries()).length, count)
    })

    it('a create, a delete, a bulk delete and an action keep their reasons', async () => {
      const ann = client()
      const created = readForm((await ann.get(path('/item/new'))).html, '/new')
      let pairs = withValue(withValue(created.pairs, 'v:name', 'Six'), 'v:status', 'new')
      pairs = withValue(withValue(pairs, 'v:id', '6'), '_reason', 'Phoned in')
      await ann.follow(await ann.post(created.action, pairs))

      const preview = readForm((await ann.get(path('/item/row/6/delete'))).html, '/delete')
      await ann.follow(await ann.post(preview.action, withValue(preview.pairs, '_reason', 'Duplicate')))

      const token = preview.pairs.find(([name]) => name === csrfField)![1]
      const bulkPage = await ann.post(path('/item/delete'), [
        [csrfField, token],
        ['key', '4'],
        ['key', '5'],
      ])
      const bulk = readForm(await bulkPage.text(), '/delete')
      await ann.follow(await ann.post(bulk.action, withValue(bulk.pairs, '_reason', 'Test rows')))

      const actionPage = readForm((await ann.get(path('/item/row/3/action/close'))).html, '/action/')
      await ann.follow(await ann.post(actionPage.action, withValue(actionPage.pairs, '_reason', 'Finished')))

      assert.deepEqual((await entries()).slice(-5), [
        { table_name: 'item', record_key: '6', action: 'create', reason: 'Phoned in' },
        { table_name: 'item', record_key: '6', action: 'delete', reason: 'Duplicate' },
        { table_name: 'item', record_key: '4', action: 'delete', reason: 'Test rows' },
        { table_name: 'item', record_key: '5', action: 'delete', reason: 'Test rows' },
        { table_name: 'item', record_key: '3', action: 'action', reason: 'Finished' },
      ])
      const shown = await history(ann, 'item', '6')
      assert.match(shown, /Reason:<\/span> Duplicate/)
      assert.match(shown, /Reason:<\/span> Phoned in/)
      assert.match(await history(ann, 'item', '5'), /Reason:<\/span> Test rows/)
      assert.match(await history(ann, 'item', '3'), /Reason:<\/span> Finished/)
    })

    it('requireReason refuses a change without one: a message on the field, the input kept, nothing written', async () => {
      const ann = client()
      const count = (await entries()).length
      const form = readForm((await ann.get(path('/note/row/1/edit'))).html, '/edit')
      const refused = await ann.post(form.action, withValue(withValue(form.pairs, 'v:body', 'typed'), '_reason', '  '))
      assert.equal(refused.status, 422)
      const html = await refused.text()
      assert.match(html, /id="change-reason-error"[^>]*>Give a reason for this change\./)
      assert.match(html, /aria-invalid="true" aria-describedby="change-reason-error/)
      assert.equal(readForm(html, '/edit').pairs.find(([name]) => name === 'v:body')?.[1], 'typed')
      assert.deepEqual(await rowOf('note', 1), { id: 1, body: 'first' })
      // Nothing changed needs no reason: the untouched form is "No changes to save", not a refusal.
      const untouched = await ann.follow(await ann.post(form.action, form.pairs))
      assert.match(untouched.html, /No changes to save/)

      const created = readForm((await ann.get(path('/note/new'))).html, '/new')
      const noReason = await ann.post(created.action, withValue(withValue(created.pairs, 'v:body', 'b'), 'v:id', '2'))
      assert.equal(noReason.status, 422)
      assert.match(await noReason.text(), /Give a reason for this change\./)
      assert.equal(await rowOf('note', 2), undefined)

      const preview = readForm((await ann.get(path('/note/row/1/delete'))).html, '/delete')
      const notDeleted = await ann.post(preview.action, preview.pairs)
      assert.equal(notDeleted.status, 422)
      assert.match(await notDeleted.text(), /Give a reason for this change\./)
      assert.ok(await rowOf('note', 1))

      // An action that would run at once asks first when a reason is required.
      const token = preview.pairs.find(([name]) => name === csrfField)![1]
      const asked = await ann.post(path('/note/row/1/action/close'), [[csrfField, token]])
      assert.equal(asked.status, 200)
      const actionForm = readForm(await asked.text(), '/action/')
      const noActionReason = await ann.post(actionForm.action, actionForm.pairs)
      assert.equal(noActionReason.status, 422)
      assert.match(await noActionReason.text(), /Give a reason for this change\./)
      assert.equal((await entries()).length, count)

      await ann.follow(
        await ann.post(form.action, withValue(withValue(form.pairs, 'v:body', 'typed'), '_reason', 'Typo')),
      )
      assert.deepEqual((await entries()).at(-1), {
        table_name: 'note',
        record_key: '1',
        action: 'update',
        reason: 'Typo',
      })
    })

    it('a top-level requireReason applies to every table', async () => {
      const ann = client({ config: { ...config, requireReason: true } })
      const form = readForm((await ann.get(path('/item/row/2/edit'))).html, '/edit')
      const refused = await ann.post(form.action, withValue(form.pairs, 'v:name', 'Zwei'))
      assert.equal(refused.status, 422)
      assert.equal((await rowOf('item', 2))?.name, 'Two')
    })

    it('without the audit log there is no reason field, required or not', async () => {
      const plain = client({ audit: false })
      const edit = (await plain.get(path('/note/row/1/edit'))).html
      assert.doesNotMatch(edit, /Reason for this change/)
      assert.doesNotMatch((await plain.get(path('/note/row/1/delete'))).html, /Reason for this change/)
      const form = readForm(edit, '/edit')
      await plain.follow(await plain.post(form.action, withValue(form.pairs, 'v:body', 'no log')))
      assert.equal((await rowOf('note', 1))?.body, 'no log')
    })
  })
}
