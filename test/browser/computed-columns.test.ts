// A computed column as a person uses it, in Debian's Chromium: clicking its header orders the list by it,
// and clicking again reverses the order.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { launchBrowser } from '../helpers/browser.js'
import { dialects, openAdminDb, type AdminDb } from '../helpers/test-db.js'
import { ordersConfig, ordersSetup } from '../list/computed-fixture.js'

for (const dialect of dialects) {
  describe(`computed column header in the browser (${dialect.name})`, () => {
    let fx: AdminDb
    let server: Server
    let base: string
    let browser: Awaited<ReturnType<typeof launchBrowser>>
    before(async () => {
      fx = await openAdminDb(dialect.name, ordersSetup)
      const admin = fx.admin({ secret: 'test', config: ordersConfig })
      server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      browser = await launchBrowser()
    })
    after(async () => {
      await browser?.close()
      server?.closeAllConnections()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      await fx?.close()
    })

    test('clicking Items sorts by it, then the other way', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(5_000)
      await page.goto(`${base}/${fx.s}/orders/`)
      // Each row's cells under their column's header (a selection box may come first).
      const column = (name: string) =>
        page
          .locator('table')
          .first()
          .evaluate((table, name) => {
            const headers = [...table.querySelectorAll('thead th')].map((th) =>
              th.textContent?.replace(/[↕▲▼]/g, '').trim(),
            )
            const at = headers.indexOf(name)
            return [...table.querySelectorAll('tbody tr')].map((tr) => tr.children[at]?.textContent?.trim())
          }, name)
      const ids = () => column('Id')
      const items = () => column('Items')
      assert.deepEqual(await ids(), ['1', '2', '3'])

      await page.getByRole('link', { name: /^Items/ }).click()
      await page.waitForURL(/sort=items/)
      assert.deepEqual(await ids(), ['2', '4', '6'])
      assert.deepEqual(await items(), ['0', '1', '1'])

      await page.getByRole('link', { name: /^Items/ }).click()
      await page.waitForURL(/sort=-items/)
      assert.deepEqual(await ids(), ['3', '7', '5'])
      assert.deepEqual(await items(), ['5', '4', '3'])
      await page.close()
    })
  })
}
