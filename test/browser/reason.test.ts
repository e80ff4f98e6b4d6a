// The reason for a change as a user gives it: Chromium edits a row, types why, saves, and finds the reason in the
// record's History; on a table that requires one, an empty reason brings the form back with the message beside the
// reason box and everything typed still in it.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import { launchBrowser } from '../helpers/browser.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table item (id integer primary key, name text not null);
  create table ledger (id integer primary key, amount int not null);
  insert into item (id, name) values (1, 'Apple');
  insert into ledger (id, amount) values (1, 10);
`

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

for (const { name: dialect } of dialects) {
  describe(`the reason for a change in Chromium (${dialect})`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const dir = mkdtempSync(join(tmpdir(), 'steward-reason-browser-'))
    let base = ''
    let server: Server | undefined
    before(async () => {
      const admin = fx.admin({
        secret: 'test',
        audit: { target: dialect === 'postgres' ? 'steward.audit_log' : join(dir, 'audit.db') },
        config: { tables: { ledger: { requireReason: true } } },
      })
      server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server!.listening ? resolve() : server!.once('listening', () => resolve())))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    after(async () => {
      server?.closeAllConnections()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      rmSync(dir, { recursive: true, force: true })
    })

    test('a reason typed on the edit form is shown in the record’s History', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      try {
        await page.goto(`${base}/${fx.s}/item/row/1/edit`)
        await page.locator('[name="v:name"]').fill('Green apple')
        await page.getByLabel('Reason for this change').fill('Renamed at the supplier’s request')
        await Promise.all([page.waitForURL(/\/row\/1$/), page.locator('button[value="save"]').click()])
        await page.getByRole('link', { name: 'History' }).click()
        await page.waitForURL(/\/history$/)
        const entry = page.locator('section').filter({ hasText: 'Changed by' }).first()
        assert.match(await entry.innerText(), /Reason: Renamed at the supplier’s request/)
      } finally {
        await page.close()
      }
    })

    test('a required reason left empty: the message beside it, the typed values kept, nothing saved', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      try {
        await page.goto(`${base}/${fx.s}/ledger/row/1/edit`)
        await page.locator('[name="v:amount"]').fill('25')
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.locator('button[value="save"]').click(),
        ])
        await page.waitForLoadState()
        assert.equal(response.status(), 422)
        const reason = page.getByLabel('Reason for this change')
        assert.equal(await reason.getAttribute('aria-invalid'), 'true')
        assert.equal(
          await page.locator('[data-field="_reason"] #change-reason-error').innerText(),
          'Give a reason for this change.',
        )
        assert.equal(await page.locator('[name="v:amount"]').inputValue(), '25')
        const { rows } = await sql<{ amount: number }>`select amount from ledger where id = 1`.execute(fx.connection.db)
        assert.equal(Number(rows[0]?.amount), 10)
      } finally {
        await page.close()
      }
    })
  })
}
