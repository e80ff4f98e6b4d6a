// Issue 12's first support task, as a user does it, counting what they must do: from a customer's email to
// their latest order's items and payments, on a desktop with the mouse, by keyboard only, and on a phone.
// Before this work it took 7 clicks and 8 page loads (173 Tab presses by keyboard, 8 taps and 9 loads on a
// phone). The counts are asserted, never the time.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.js'
import { defaultSchema } from '../helpers/test-db.js'
import { startDemoServer, type DemoServer } from './demo-server.js'

/** The customer of the newest order and that order's key, read from the orders list before the journey starts. */
async function newestOrder(server: DemoServer): Promise<{ email: string; order: string }> {
  const s = defaultSchema[server.dialect]
  const response = await fetch(`${server.base}/${s}/orders/?sort=-placed_at&size=25`)
  assert.equal(response.status, 200)
  const html = await response.text()
  const row = /<tbody class="st-rows"><tr>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? ''
  const order = /href="\/\w+\/orders\/row\/([^"?]+)/.exec(row)?.[1]
  const email = /href="\/\w+\/customers\/row\/[^"]+"[^>]*>(?:<[^>]+>)*([^<]+@[^<]+)</.exec(row)?.[1]
  assert.ok(order && email, 'the orders list shows the newest order and its customer')
  return { email, order }
}

/** Page loads of the main frame, from now on. */
function countLoads(page: Page): () => number {
  let loads = 0
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads++
  })
  return () => loads
}

async function seeItemsAndPayments(page: Page, order: string): Promise<void> {
  assert.match(new URL(page.url()).pathname, new RegExp(`/orders/row/${order}$`))
  await page.getByRole('heading', { name: /^Order items/ }).waitFor()
  await page.getByRole('heading', { name: /^Payments/ }).waitFor()
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`a support task: an email to the latest order's items and payments (${dialect})`, () => {
    let server: DemoServer
    let target: { email: string; order: string }
    before(async () => {
      server = await startDemoServer(dialect)
      target = await newestOrder(server)
    })
    after(async () => server?.close())

    for (const device of ['desktop', 'phone'] as const) {
      test(`with the mouse on a ${device}: 2 clicks or taps (the search box, the order), 2 page loads`, async (t) => {
        const viewport = device === 'phone' ? { width: 390, height: 844 } : { width: 1280, height: 800 }
        const browser = await launchBrowser({ viewport })
        try {
          const page = await browser.context.newPage()
          await page.goto(`${server.base}/`)
          const loads = countLoads(page)
          let clicks = 0
          const box = page.locator('[data-search-box]')
          await box.click()
          clicks++
          await box.fill(target.email)
          await box.press('Enter')
          await page.waitForURL(/\/customers\/row\//)
          // The customer's orders, newest first: the first link to an order is the latest one.
          await page.locator('a[href*="/orders/row/"]').first().click()
          await page.waitForURL(/\/orders\/row\//)
          clicks++
          await seeItemsAndPayments(page, target.order)
          t.diagnostic(`${device}: ${clicks} clicks (the search box included), ${loads()} page loads`)
          assert.equal(clicks, 2)
          assert.equal(loads(), 2)
        } finally {
          await browser.close()
        }
      })
    }

    test('by keyboard only: / to search, then a few Tab presses to the latest order', async (t) => {
      const browser = await launchBrowser()
      try {
        const page = await browser.context.newPage()
        await page.goto(`${server.base}/`)
        const loads = countLoads(page)
        await page.keyboard.press('/')
        await page.keyboard.type(target.email)
        await page.keyboard.press('Enter')
        await page.waitForURL(/\/customers\/row\//)
        let tabs = 0
        const onOrder = () =>
          page.evaluate(
            (order) => (document.activeElement as HTMLAnchorElement | null)?.href?.endsWith(`/orders/row/${order}`),
            target.order,
          )
        while (!(await onOrder())) {
          assert.ok(tabs < 60, 'the latest order is within 60 Tab presses')
          await page.keyboard.press('Tab')
          tabs++
        }
        await page.keyboard.press('Enter')
        await page.waitForURL(/\/orders\/row\//)
        await seeItemsAndPayments(page, target.order)
        t.diagnostic(`keyboard: ${tabs} Tab presses, ${loads()} page loads`)
        assert.ok(tabs <= 30, `${tabs} Tab presses`)
        assert.equal(loads(), 2)
      } finally {
        await browser.close()
      }
    })
  })
}
