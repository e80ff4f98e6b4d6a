// A custom action as a user runs it, in Debian's Chromium, on both dialects: two rows ticked in the list, the
// action chosen from the bulk bar, its small form filled (first wrongly: the message sits by the field and
// what was typed stays), then run: back on the list with its sort kept, the message and the changed rows.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { createRequire } from 'node:module'
import { serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { z } from 'zod'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { launchBrowser } from '../helpers/browser.js'
import { dialects, type TestDb } from '../helpers/test-db.js'
import { listTable, readTable } from './read-table.js'

const setup = `
  create table parcels (id integer primary key, title text not null, status text not null, note text);
  insert into parcels values (1, 'Books', 'new', null), (2, 'Lamp', 'new', null), (3, 'Chair', 'new', null);
`

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  // bypassCSP: axe-core is injected to check the action page with its errors.
  browser = await launchBrowser({ bypassCSP: true })
})
after(async () => {
  await browser?.close()
})

for (const { name: dialect, create } of dialects) {
  describe(`action journey (${dialect})`, () => {
    let db: TestDb
    let connection: Connection
    let server: Server
    let base: string
    let page: Page
    before(async () => {
      db = await create(setup)
      connection = await connect(db.url)
      const schema = await connection.dialect.introspect(connection.db)
      const admin = createAdmin({
        db: connection.db,
        schema,
        checkDrift: false,
        config: {
          tables: {
            parcels: {
              actions: {
                setStatus: {
                  label: 'Set status',
                  permission: 'change',
                  on: 'rows',
                  form: z.object({
                    status: z.enum(['new', 'shipped', 'held']),
                    note: z.string().min(3, 'Write at least 3 characters.'),
                  }),
                  run: async ({ trx, rows, input }) => {
                    const { status, note } = input as { status: string; note: string }
                    const ids = rows.map((row) => Number(row.id))
                    await trx.updateTable('parcels').set({ status, note }).where('id', 'in', ids).execute()
                    return `${ids.length} parcels are now ${status}.`
                  },
                },
              },
            },
          },
        },
      })
      server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      page = await browser.context.newPage()
      page.setDefaultTimeout(5_000)
    })
    after(async () => {
      await page?.close()
      server?.closeAllConnections()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      await connection?.close()
      await db?.drop()
    })

    test('select two rows, choose the action, fill its form, run it, see the message and the rows', async () => {
      const s = connection.dialect.defaultSchema
      await page.goto(`${base}/${s}/parcels/?sort=-id`)
      const button = page.getByRole('button', { name: 'Set status…', exact: true })
      assert.equal(await button.isDisabled(), true, 'nothing selected yet')
      await page.getByRole('checkbox', { name: 'Select row 1', exact: true }).check()
      await page.getByRole('checkbox', { name: 'Select row 3', exact: true }).check()
      assert.equal(await button.isDisabled(), false)
      await button.click()

      await page.getByRole('heading', { level: 1, name: /^Set status/ }).waitFor()
      const question = await page.getByText(/^Run “Set status” on these 2 rows of /).innerText()
      assert.match(question, /these 2 rows/)
      assert.ok(await page.getByRole('link', { name: 'Books', exact: true }).isVisible())
      assert.ok(await page.getByRole('link', { name: 'Chair', exact: true }).isVisible())
      await page.getByRole('combobox', { name: 'Status' }).selectOption('shipped')
      await page.getByRole('textbox', { name: 'Note' }).fill('ok')
      await page.getByRole('button', { name: 'Set status', exact: true }).click()

      // Back with a message by the field; the choice and the text typed are kept.
      await page.getByText('Write at least 3 characters.').waitFor()
      assert.equal(await page.getByRole('textbox', { name: 'Note' }).inputValue(), 'ok')
      assert.equal(await page.getByRole('combobox', { name: 'Status' }).inputValue(), 'shipped')
      await page.addScriptTag({ path: axePath })
      const violations = (await page.evaluate(
        'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
      )) as { id: string; impact: string | null }[]
      assert.deepEqual(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
        [],
        'the action page with its errors has no serious accessibility violation',
      )
      const note = page.getByRole('textbox', { name: 'Note' })
      assert.equal(await note.getAttribute('aria-invalid'), 'true')
      await note.fill('sent by courier')
      await page.getByRole('button', { name: 'Set status', exact: true }).click()

      await page.getByText('2 parcels are now shipped.').waitFor()
      const url = new URL(page.url())
      assert.equal(url.pathname, `/${s}/parcels/`)
      assert.equal(url.search, '?sort=-id', 'back to the list as it was sorted')
      const rows = (await readTable(listTable(page, 'Parcels'))).rows
      assert.deepEqual(
        rows.map((row) => [row['Id'], row['Status'], row['Note']]),
        [
          ['3', 'shipped', 'sent by courier'],
          ['2', 'new', 'NULL'],
          ['1', 'shipped', 'sent by courier'],
        ],
      )
    })
  })
}
