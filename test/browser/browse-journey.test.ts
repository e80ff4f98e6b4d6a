// The read half as a support person uses it, in Debian's Chromium, on the demo shop on both dialects:
// index → list → sort → search → filter → deep keyset page → detail → foreign key → reverse relation.
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

const params = (page: Page) => new URL(page.url()).searchParams
// Postgres compares with the C.UTF-8 collation here and SQLite with BINARY: both are code point order.
const inOrder = (values: string[], direction: 1 | -1) =>
  values.every((value, i) => i === 0 || direction * compare(values[i - 1]!, value) <= 0)
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`browse journey (${dialect})`, () => {
    const demo = demoPage(dialect, () => browser)

    test('index → customers list → sort → search → filter', async () => {
      const { page, server } = demo
      await page.goto(`${server.base}/`)
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'All tables' }).waitFor())
      const index = page.getByRole('table', { name: /^Tables and views in schema / })
      const customersRow = index
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: 'Customers', exact: true }) })
      assert.match(await customersRow.innerText(), /\b200\b/, 'the index shows the row count')

      await customersRow.getByRole('link', { name: 'Customers', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor()
      const current = page.getByRole('navigation', { name: 'Breadcrumb' }).locator('[aria-current="page"]')
      assert.deepEqual(await current.allInnerTexts(), ['Customers'], 'one breadcrumb is the current page')
      const unsorted = (await readTable(listTable(page, 'Customers'))).rows.map((row) => row['Last name']!)
      assert.equal(unsorted.length, 50)

      // Sort: ascending, then descending, with the state in the URL.
      await listTable(page, 'Customers').getByRole('link', { name: 'Last name' }).click()
      await page.waitForURL((url) => url.searchParams.get('sort') === 'last_name')
      const header = listTable(page, 'Customers').getByRole('columnheader', { name: 'Last name' })
      assert.equal(await header.getAttribute('aria-sort'), 'ascending')
      const ascending = (await readTable(listTable(page, 'Customers'))).rows.map((row) => row['Last name']!)
      assert.ok(inOrder(ascending, 1), `ascending: ${ascending.join(', ')}`)
      assert.notDeepEqual(ascending, unsorted, 'sorting changed the order')

      await header.getByRole('link').click()
      await page.waitForURL((url) => url.searchParams.get('sort') === '-last_name')
      const descending = (await readTable(listTable(page, 'Customers'))).rows.map((row) => row['Last name']!)
      assert.ok(inOrder(descending, -1), `descending: ${descending.join(', ')}`)
      assert.equal(descending[0]! >= ascending.at(-1)!, true)

      // Search, case-insensitive, keeping the sort.
      const term = descending[0]!.toUpperCase()
      await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(term)
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('q') === term)
      assert.equal(params(page).get('sort'), '-last_name')
      const found = (await readTable(listTable(page, 'Customers'))).rows
      assert.ok(found.length > 0, 'the search finds the row it was taken from')
      for (const row of found) {
        assert.ok(Object.values(row).join(' ').toUpperCase().includes(term), `${JSON.stringify(row)} matches ${term}`)
      }
      assert.equal(await page.getByRole('searchbox', { name: 'Search', exact: true }).inputValue(), term)

      // Filter from the filter form, after clearing the search: every row shown matches.
      await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('')
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await page.waitForURL((url) => !url.searchParams.has('q'))
      const filters = page.getByRole('region', { name: 'Filters' })
      // Folded away until asked for while no filter is active.
      assert.equal(await filters.getByLabel('Tier').isVisible(), false)
      await filters.getByText('Filters', { exact: true }).click()
      // A choice applies as soon as it is made (the script submits the form; Apply is for pages without it).
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('f.tier') === 'gold'),
        filters.getByLabel('Tier').selectOption({ label: 'Gold' }), // shown humanised, sent as stored
      ])
      await page.waitForLoadState('load')
      const activeValue = await filters
        .getByLabel('Is active')
        .evaluate((select: HTMLSelectElement) => select.options[2]!.value)
      const activeChoice = await filters
        .getByLabel('Is active')
        .evaluate((select: HTMLSelectElement) => select.options[2]!.text)
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('f.is_active') === activeValue),
        filters.getByLabel('Is active').selectOption({ index: 2 }),
      ])
      await page.waitForLoadState('load')
      assert.equal(params(page).get('f.tier'), 'gold')
      const filtered = (await readTable(listTable(page, 'Customers'))).rows
      assert.ok(filtered.length > 0 && filtered.length < 50, `${filtered.length} gold customers`)
      const wanted = /no|false/i.test(activeChoice) ? '✗ false' : '✓ true'
      for (const row of filtered) {
        assert.equal(row['Tier'], 'Gold')
        assert.equal(row['Is active'], wanted)
      }
      const chips = page.getByRole('list', { name: 'Active filters' })
      assert.match(await chips.innerText(), /Tier = Gold/)
      assert.equal(await filters.getByLabel('Tier').inputValue(), 'gold', 'the form shows the filter in force')
    })

    test('orders: deep keyset page → detail → foreign key → reverse relation', async () => {
      const { page, server } = demo
      await page.getByRole('navigation', { name: 'Tables' }).getByRole('link', { name: 'Orders', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor()
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: '25', exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('size') === '25')

      const seen = new Set<string>()
      const placed: string[] = []
      const ids = async () => (await readTable(listTable(page, 'Orders'))).rows.map((row) => row['Id']!)
      const readPlaced = async () =>
        placed.push(...(await readTable(listTable(page, 'Orders'))).rows.map((row) => row['Placed at']!))
      for (const id of await ids()) seen.add(id)
      await readPlaced()
      for (let step = 1; step <= 6; step++) {
        const before = page.url()
        await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click()
        await page.waitForURL((url) => url.toString() !== before)
        assert.ok(params(page).has('after'), `page ${step + 1} is a keyset page: ${page.url()}`)
        const pageIds = await ids()
        assert.equal(pageIds.length, 25)
        for (const id of pageIds) {
          assert.ok(!seen.has(id), `order ${id} shown twice`)
          seen.add(id)
        }
        await readPlaced()
      }
      // Newest first by default (placed_at, indexed), page after page.
      assert.ok(inOrder(placed, -1), 'pages follow the list order: newest first')
      assert.equal(seen.size, 175)

      // Detail of the first order on the deep page.
      const orderId = (await ids())[0]!
      await listTable(page, 'Orders').getByRole('link', { name: orderId, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: new RegExp(`^Order ${orderId}$`) }).waitFor()
      const customerField = page
        .getByRole('definition')
        .filter({ has: page.getByRole('link') })
        .first()
      const customerLabel = (await customerField.innerText()).trim()
      assert.match(customerLabel, /@/, 'the foreign key is shown by its label (an email)')

      // Follow the foreign key to the customer.
      await customerField.getByRole('link').click()
      await page.getByRole('heading', { level: 1, name: `Customer ${customerLabel}` }).waitFor()

      // The reverse relation panel links to the child list filtered on this customer.
      const panel = page.getByRole('region', { name: /^Orders \(\d+\)$/ })
      const count = Number((await panel.getByRole('heading').innerText()).match(/\((\d+)\)/)![1])
      assert.ok(count > 0)
      const customerUrl = page.url()
      await panel.getByRole('link', { name: /^See all orders/ }).click()
      await page.waitForURL((url) => url.searchParams.has('f.customer_id'))
      const customerKey = decodeURIComponent(new URL(customerUrl).pathname.split('/').at(-1)!)
      assert.equal(params(page).get('f.customer_id'), customerKey)
      assert.match(
        await page.getByRole('list', { name: 'Active filters' }).innerText(),
        new RegExp(escape(customerLabel)),
      )
      const children = (await readTable(listTable(page, 'Orders'))).rows
      assert.equal(children.length, Math.min(count, 50))
      for (const row of children) assert.equal(row['Customer'], customerLabel)
    })
  })
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
