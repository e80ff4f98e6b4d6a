// Keeping the list's context, in Debian's Chromium on both dialects: filter and sort the orders, open a row,
// walk to its neighbours, edit and save, and land on the same filtered, sorted list.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.js'
import { demoPage } from './demo-server.js'
import { listTable, readTable } from './read-table.js'

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText()
const ids = async (page: Page) => (await readTable(listTable(page, 'Orders'))).rows.map((row) => row['Id']!)

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`list context journey (${dialect})`, () => {
    const demo = demoPage(dialect, () => browser)

    test('filter and sort, open a row, walk its neighbours, edit, save: back on the same list', async () => {
      const { page, server } = demo
      await page.goto(`${server.base}/`)
      await page.getByRole('navigation', { name: 'Tables' }).getByRole('link', { name: 'Orders', exact: true }).click()
      await listTable(page, 'Orders').waitFor()

      const filters = page.getByRole('region', { name: 'Filters' })
      await filters.getByText('Filters', { exact: true }).click()
      await filters.getByLabel('Status', { exact: true }).selectOption('delivered')
      await filters.getByRole('button', { name: 'Apply filters' }).click()
      await page.waitForURL((url) => url.searchParams.get('f.status') === 'delivered')
      // Total is not a date: ascending on the first click, descending on the second.
      const table = listTable(page, 'Orders')
      await table.getByRole('link', { name: /^Total/ }).click()
      await page.waitForURL((url) => url.searchParams.get('sort') === 'total')
      await listTable(page, 'Orders')
        .getByRole('link', { name: /^Total/ })
        .click()
      await page.waitForURL((url) => url.searchParams.get('sort') === '-total')
      const listUrl = page.url()
      const order = await ids(page)
      assert.ok(order.length >= 4, `${order.length} delivered orders`)

      // Open the second row; its neighbours are the first and third rows of the list.
      await listTable(page, 'Orders').getByRole('link', { name: order[1]!, exact: true }).click()
      await page.waitForURL((url) => url.pathname.endsWith(`/row/${order[1]}`))
      const rows = page.getByRole('navigation', { name: 'Rows of the list' })
      await rows.getByRole('link', { name: /Next/ }).click()
      await page.waitForURL((url) => url.pathname.endsWith(`/row/${order[2]}`))
      await rows.getByRole('link', { name: /Next/ }).click()
      await page.waitForURL((url) => url.pathname.endsWith(`/row/${order[3]}`))
      await rows.getByRole('link', { name: /Previous/ }).click()
      await page.waitForURL((url) => url.pathname.endsWith(`/row/${order[2]}`))
      assert.match(await heading(page), new RegExp(order[2]!))

      // Edit and save: back on the list as it was, filter and sort in place.
      await page.getByRole('link', { name: 'Edit', exact: true }).click()
      await page.waitForURL((url) => url.pathname.endsWith('/edit'))
      await page
        .getByRole('spinbutton', { name: 'External ref' })
        .or(page.getByLabel('External ref'))
        .first()
        .fill(String(900_000_000 + Number(order[2])))
      await page.getByRole('button', { name: 'Save order', exact: true }).click()
      await page.waitForURL((url) => url.pathname.endsWith('/orders/'))
      assert.equal(page.url(), listUrl)
      assert.match(await page.getByRole('status').first().innerText(), /Saved/)
      assert.deepEqual(await ids(page), order, 'the same rows in the same order')
      assert.equal(await filters.getByLabel('Status', { exact: true }).inputValue(), 'delivered')

      // Cancel from the edit form returns to the row, and its "Back to the list" to the list.
      await listTable(page, 'Orders').getByRole('link', { name: order[0]!, exact: true }).click()
      await page.getByRole('link', { name: 'Edit', exact: true }).click()
      await page.getByRole('link', { name: 'Cancel', exact: true }).click()
      await page.waitForURL((url) => url.pathname.endsWith(`/row/${order[0]}`))
      assert.equal(await rows.getByRole('link', { name: /Previous/ }).count(), 0, 'the first row has no previous')
      await page.getByRole('link', { name: 'Back to the list', exact: true }).click()
      await page.waitForURL(listUrl)
    })
  })
}
