import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Principal } from '../../src/auth/permissions.js'
import { csrfField } from '../../src/http/middleware/csrf.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { Refusal, type TableAction } from '../../src/resources/behaviour.js'
import { auditLogTable, dialects, openAdminDb, suiteFixture, type AdminDb } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'

const setup = `
  create table orders (id integer primary key, title text not null, status text not null, note text, internal text);
  insert into orders (id, title, status) values (1, 'First order', 'new'), (2, 'Second order', 'new'), (3, 'Third order', 'new');
  create view order_titles as select id, title from orders;
`

const inIds = (rows: readonly Record<string, unknown>[]) => rows.map((row) => Number(row.id))

const markShipped: TableAction = {
  label: 'Mark shipped',
  permission: 'change',
  on: 'both',
  run: async ({ trx, rows }) => {
    await trx.updateTable('orders').set({ status: 'shipped' }).where('id', 'in', inIds(rows)).execute()
    return `${rows.length} shipped.`
  },
}

const config: StewardConfigInput = {
  roles: { cashier: { tables: { orders: ['view', 'refund'] } }, scoped: { tables: { orders: ['view', 'change'] } } },
  actions: {
    markShipped: { ...markShipped, label: 'Global mark shipped' },
    peek: { label: 'Peek', permission: 'view', on: 'row', run: () => 'Looked.' },
  },
  tables: {
    orders: {
      hiddenFields: ['internal'],
      scope: (qb, { user }) => (user?.roles.includes('scoped') ? qb.where('id', '<>', 3) : qb),
      actions: {
        // The table's own wins over the global one of the same name.
        markShipped,
        refund: {
          label: 'Refund',
          permission: 'refund',
          on: 'rows',
          confirm: 'Refund these orders?',
          form: z.object({
            reason: z.string().min(3, 'At least 3 characters.'),
            amount: z.number().positive('More than zero.'),
            notify: z.boolean(),
            channel: z.enum(['email', 'sms']),
          }),
          run: async ({ trx, rows, input, user }) => {
            const { reason, amount, channel } = input as { reason: string; amount: number; channel: string }
            if (reason === 'because') throw new Refusal('Give a real reason.', { field: 'reason' })
            await trx
              .updateTable('orders')
              .set({
                status: 'refunded',
                note: `${reason} ${amount} by ${channel} for ${user?.name}`,
                internal: 'never in the log',
              })
              .where('id', 'in', inIds(rows))
              .execute()
            return `Refunded ${rows.length} orders.`
          },
        },
        refuse: {
          label: 'Refuse',
          permission: 'change',
          on: 'both',
          run: async ({ trx, rows }) => {
            await trx.updateTable('orders').set({ status: 'refused' }).where('id', 'in', inIds(rows)).execute()
            throw new Refusal('Not today.')
          },
        },
        explode: {
          label: 'Explode',
          permission: 'change',
          on: 'rows',
          run: async ({ trx, rows }) => {
            await trx.updateTable('orders').set({ status: 'exploded' }).where('id', 'in', inIds(rows)).execute()
            throw new Error('boom: a bug in the action')
          },
        },
      },
    },
  },
}

for (const { name: dialect } of dialects) {
  describe(`custom actions on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const dir = mkdtempSync(join(tmpdir(), 'steward-actions-'))
    after(() => rmSync(dir, { recursive: true, force: true }))
    const logged: unknown[][] = []
    const logger = { info() {}, warn() {}, error: (...args: unknown[]) => void logged.push(args) }

    const clientAs = (role: string, options: { readOnly?: boolean } = {}) =>
      new EditClient(
        fx.admin({
          secret: 'test',
          config: { ...config, ...(options.readOnly ? { readOnly: true } : {}) },
          audit: { target: dialect === 'postgres' ? 'steward.audit_log' : join(dir, 'audit.db') },
          logger,
          identity: (): Principal => ({ id: role, name: role, roles: [role] }),
        }),
      )
    const path = (rest: string) => `/${fx.s}/orders${rest}`
    const statuses = async (db: AdminDb = fx) =>
      (await db.connection.db.selectFrom('orders').select(['id', 'status']).orderBy('id').execute()).map((row) =>
        String(row.status),
      )
    const entries = async () =>
      (
        await sql<{ record_key: string; action: string; changes: string; note: string; actor: string }>`
          select record_key, action, changes, note, actor from ${sql.raw(auditLogTable[dialect])} order by id`.execute(
          fx.connection.db,
        )
      ).rows
    const reset = () => fx.test.exec(`update orders set status = 'new', note = null, internal = null`)
    const tokenOf = async (client: EditClient) =>
      readForm((await client.get(path('/row/1'))).html, '').pairs.find(([name]) => name === csrfField)?.[1] ??
      readForm((await client.get(path('/'))).html, '/action/').pairs.find(([name]) => name === csrfField)![1]

    it('offers each action only where its permission allows, the table’s own winning over a global one', async () => {
      const editor = clientAs('editor')
      const list = (await editor.get(path('/'))).html
      assert.match(list, /formaction="\/[^"]+\/orders\/action\/markShipped"[^>]*>\s*Mark shipped\s*</)
      assert.doesNotMatch(list, /Global mark shipped/)
      assert.match(list, />\s*Refuse\s*</)
      assert.doesNotMatch(list, /action\/refund/, 'an editor has no "refund" permission')
      assert.doesNotMatch(list, /action\/peek/, 'a row action is not on the list')
      const detail = (await editor.get(path('/row/1'))).html
      assert.match(detail, /<form method="post" action="\/[^"]+\/orders\/row\/1\/action\/markShipped"/)
      assert.match(detail, /action\/peek/)
      assert.doesNotMatch(detail, /action\/explode/, 'a selection action is not on the detail page')

      const cashier = (await clientAs('cashier').get(path('/'))).html
      assert.match(cashier, /action\/refund"[^>]*>\s*Refund…\s*</)
      assert.doesNotMatch(cashier, /action\/markShipped/)

      const viewer = clientAs('viewer')
      assert.doesNotMatch((await viewer.get(path('/'))).html, /data-bulk-form/, 'no selection without anything to do')
      const viewed = (await viewer.get(path('/row/1'))).html
      assert.match(viewed, /action\/peek/)
      assert.doesNotMatch(viewed, /action\/markShipped/)
    })

    it('answers 403 to a post without the permission, and 404 to an action the table does not have', async () => {
      const editor = clientAs('editor')
      const token = await tokenOf(editor)
      const refund = await editor.post(path('/action/refund'), [
        [csrfField, token],
        ['key', '1'],
      ])
      assert.equal(refund.status, 403)
      assert.match(
        await refund.text(),
        /Your role does not allow you to run &quot;refund&quot;|Your role does not allow/,
      )
      const viewer = clientAs('viewer')
      const shipped = await viewer.post(path('/row/1/action/markShipped'), [[csrfField, await tokenOf(viewer)]])
      assert.equal(shipped.status, 403)
      assert.equal((await editor.get(path('/action/nothing?key=1'))).status, 404)
      assert.equal((await editor.get(path('/row/1/action/explode'))).status, 404, 'a selection action has no row URL')
      assert.deepEqual(await statuses(), ['new', 'new', 'new'])
    })

    it('on a read-only admin runs only actions whose permission only reads', async () => {
      const admin = clientAs('admin', { readOnly: true })
      const detail = (await admin.get(path('/row/1'))).html
      assert.match(detail, /action\/peek/)
      assert.doesNotMatch(detail, /action\/markShipped/)
      const token = await tokenOf(admin)
      assert.equal((await admin.post(path('/row/1/action/markShipped'), [[csrfField, token]])).status, 403)
      const peek = await admin.follow(await admin.post(path('/row/1/action/peek'), [[csrfField, token]]))
      assert.match(peek.html, /Looked\./)
    })

    it('on a view (read-only) offers and runs a reading action only', async () => {
      const admin = clientAs('admin')
      const list = (await admin.get(`/${fx.s}/order_titles/`)).html
      const detailHref = /href="([^"]*\/order_titles\/row\/[^"]+)"/.exec(list)![1]!.replace(/&amp;/g, '&')
      const detail = (await admin.get(detailHref)).html
      assert.match(detail, /action\/peek/)
      assert.doesNotMatch(detail, /action\/markShipped/, 'a global writing action is not offered on a view')
      const token = await tokenOf(admin)
      assert.equal((await admin.post(`${detailHref}/action/markShipped`, [[csrfField, token]])).status, 403)
      const peek = await admin.follow(await admin.post(`${detailHref}/action/peek`, [[csrfField, token]]))
      assert.match(peek.html, /Looked\./)
    })

    it('shows the confirm step with the rows and the form, re-renders it with a message per field, then runs', async () => {
      await reset()
      const cashier = clientAs('cashier')
      const token = await tokenOf(cashier)
      const before = (await entries()).length
      const page = await cashier.post(path('/action/refund'), [
        [csrfField, token],
        ['back', 'sort=-id&q=order'],
        ['key', '1'],
        ['key', '2'],
      ])
      assert.equal(page.status, 200)
      const html = await page.text()
      assert.match(html, /Refund these orders\?/)
      assert.match(html, />First order</)
      assert.match(html, />Second order</)
      assert.match(html, /Cancel/)
      assert.match(html, /<select[^>]*name="input\.channel"/)
      assert.match(html, /type="checkbox" name="input\.notify"/)
      assert.deepEqual(await statuses(), ['new', 'new', 'new'], 'the confirm step changes nothing')
      const viaGet = await cashier.get(path('/action/refund?key=1&key=2'))
      assert.equal(viaGet.status, 200)
      assert.match(viaGet.html, /Refund these orders\?/)

      const form = readForm(html, '/action/refund')
      const filled = (values: Record<string, string>) => [
        ...form.pairs.filter(([name]) => !name.startsWith('input.')),
        ...Object.entries(values).map(([name, value]) => [`input.${name}`, value] as const),
      ]
      const bad = await cashier.post(form.action, filled({ reason: 'x', amount: 'abc', channel: 'sms' }))
      assert.equal(bad.status, 422)
      const badHtml = await bad.text()
      assert.match(badHtml, /At least 3 characters\./)
      assert.match(badHtml, /Enter a number\./)
      assert.match(badHtml, /name="input\.reason" value="x"/)
      assert.match(badHtml, /<option value="sms" selected="">/)
      assert.deepEqual(await statuses(), ['new', 'new', 'new'])

      const done = await cashier.follow(
        await cashier.post(form.action, filled({ reason: 'damaged', amount: '12.5', notify: 'on', channel: 'email' })),
      )
      assert.match(done.location, /\/orders\/\?sort=-id&q=order$/, 'back to the list with its query string')
      assert.match(done.html, /Refunded 2 orders\./)
      assert.deepEqual(await statuses(), ['refunded', 'refunded', 'new'])
      const note = await fx.connection.db.selectFrom('orders').select('note').where('id', '=', 1).executeTakeFirst()
      assert.equal(note?.note, 'damaged 12.5 by email for cashier')
      const added = (await entries()).slice(before)
      assert.deepEqual(
        added.map((entry) => [entry.record_key, entry.action, entry.actor, entry.note]),
        [
          ['1', 'action', 'cashier', 'Action “Refund” (refund)'],
          ['2', 'action', 'cashier', 'Action “Refund” (refund)'],
        ],
      )
      // What changed in the columns the admin shows: the hidden `internal` column stays out of the log.
      assert.deepEqual(JSON.parse(added[0]!.changes), {
        status: ['new', 'refunded'],
        note: [null, 'damaged 12.5 by email for cashier'],
      })
      const history = await cashier.get(path('/row/1/history'))
      assert.match(history.html, /Changed by an action by cashier/)
      assert.match(history.html, /Action “Refund” \(refund\)/)
      const audit = await cashier.get(`/audit?action=action`)
      assert.equal(audit.status, 200)
      assert.match(audit.html, /Action “Refund”/)
    })

    it('rolls a Refusal back: its message, nothing written, no audit entry', async () => {
      await reset()
      const editor = clientAs('editor')
      const before = (await entries()).length
      const response = await editor.post(path('/action/refuse'), [
        [csrfField, await tokenOf(editor)],
        ['key', '1'],
        ['key', '3'],
      ])
      assert.equal(response.status, 409)
      assert.match(await response.text(), /role="alert"[^>]*>\s*Not today\./)
      assert.deepEqual(await statuses(), ['new', 'new', 'new'])
      assert.equal((await entries()).length, before)
    })

    it('shows a Refusal that names a field by that field, with the input kept', async () => {
      await reset()
      const cashier = clientAs('cashier')
      const response = await cashier.post(path('/action/refund'), [
        [csrfField, await tokenOf(cashier)],
        ['key', '2'],
        ['run', '1'],
        ['input.reason', 'because'],
        ['input.amount', '3'],
        ['input.channel', 'sms'],
      ])
      assert.equal(response.status, 409)
      const html = await response.text()
      assert.match(html, /name="input\.reason" value="because"[^>]*aria-describedby="action-field-0-error"/)
      assert.match(html, /id="action-field-0-error"[^>]*>Give a real reason\.</)
      assert.deepEqual(await statuses(), ['new', 'new', 'new'])
    })

    it('reads the rows through the row scope: a row outside it is never run on (404 on its own page)', async () => {
      await reset()
      const scoped = clientAs('scoped')
      const token = await tokenOf(scoped)
      const done = await scoped.follow(
        await scoped.post(path('/action/markShipped'), [
          [csrfField, token],
          ['key', '2'],
          ['key', '3'],
        ]),
      )
      assert.match(done.html, /1 shipped\. \(1 selected row no longer exists: 3\.\)/)
      assert.deepEqual(await statuses(), ['new', 'shipped', 'new'])
      assert.equal((await scoped.post(path('/row/3/action/markShipped'), [[csrfField, token]])).status, 404)
      assert.equal((await scoped.get(path('/row/3/action/markShipped'))).status, 404)
      assert.deepEqual(await statuses(), ['new', 'shipped', 'new'])
    })

    it('rolls a thrown error back, logs it and shows a readable message', async () => {
      await reset()
      logged.length = 0
      const editor = clientAs('editor')
      const response = await editor.post(path('/action/explode'), [
        [csrfField, await tokenOf(editor)],
        ['key', '2'],
      ])
      assert.equal(response.status, 500)
      const html = await response.text()
      assert.match(html, /“Explode” failed, so nothing was changed\. The details are in the server log\./)
      assert.doesNotMatch(html, /boom/)
      assert.deepEqual(await statuses(), ['new', 'new', 'new'])
      assert.ok(logged.some((args) => String((args[1] as Error)?.message).includes('boom')))
    })

    it('runs a row action from the detail page and comes back to it; a key gone meanwhile is reported', async () => {
      await reset()
      const editor = clientAs('editor')
      const form = readForm((await editor.get(path('/row/3'))).html, '/row/3/action/markShipped')
      const done = await editor.follow(await editor.post(form.action, form.pairs))
      assert.match(done.location, /\/orders\/row\/3$/)
      assert.match(done.html, /1 shipped\./)
      assert.deepEqual(await statuses(), ['new', 'new', 'shipped'])

      const token = await tokenOf(editor)
      const partly = await editor.follow(
        await editor.post(path('/action/markShipped'), [
          [csrfField, token],
          ['key', '1'],
          ['key', '999'],
        ]),
      )
      assert.match(partly.html, /1 shipped\. \(1 selected row no longer exists: 999\.\)/)
      const gone = await editor.post(path('/row/999/action/markShipped'), [[csrfField, token]])
      assert.equal(gone.status, 404)
      assert.equal((await editor.get(path('/row/999/action/markShipped'))).status, 404)
    })
  })
}
