// Search as a support person uses it, in Debian's Chromium, on the demo shop on both dialects: `/` from any
// page, an email, Enter, and the customer's page; then a list searched by two words in either order.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
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

// The demo's tables live in SQLite's main schema, and in Postgres's public one.
for (const [dialect, schema] of [
  ['sqlite', 'main'],
  ['postgres', 'public'],
] as const) {
  describe(`search journey (${dialect})`, () => {
    const demo = demoPage(dialect, () => browser)

    test('`/` on a list page, an email, Enter: the customer it names', async () => {
      const { page, server } = demo
      await page.goto(`${server.base}/${schema}/customers/`)
      const [customer] = (await readTable(listTable(page, 'Customers'))).rows
      const email = customer!['Email']!
      assert.match(email, /@/)

      await page.goto(`${server.base}/${schema}/products/`)
      const box = page.getByRole('searchbox', { name: 'Search all tables' })
      // `/` typed into a field stays in the field: the list's own search box keeps its text.
      const listBox = page.locator('#list-search')
      await listBox.focus()
      await page.keyboard.type('a/b')
      assert.equal(await listBox.inputValue(), 'a/b')
      await listBox.fill('')
      await page.locator('body').click({ position: { x: 1, y: 300 } })
      await page.keyboard.press('/')
      assert.equal(await box.evaluate((element) => element === document.activeElement), true, '`/` focuses the box')
      await page.keyboard.type(email)
      await Promise.all([page.waitForURL(new RegExp(`/${schema}/customers/row/\\d+$`)), page.keyboard.press('Enter')])
      assert.match(await page.locator('main').innerText(), new RegExp(email.replace(/[.+]/g, '\\$&')))
      // Ctrl+K from the row's page focuses the box again.
      await page.keyboard.press('Control+k')
      assert.equal(await box.evaluate((element) => element === document.activeElement), true, 'Ctrl+K focuses the box')
    })

    test('a list search finds a product by two words of its name, in either order', async () => {
      const { page, server } = demo
      await page.goto(`${server.base}/${schema}/products/`)
      const names = (await readTable(listTable(page, 'Products'))).rows.map((row) => row['Name']!)
      const name = names.find((candidate) => candidate.split(' ').length >= 2)!
      const [first, second] = name.split(' ')
      for (const q of [`${first} ${second}`, `${second} ${first}`]) {
        const search = page.locator('#list-search')
        await search.fill(q)
        await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === q), search.press('Enter')])
        const found = (await readTable(listTable(page, 'Products'))).rows.map((row) => row['Name']!)
        assert.ok(found.includes(name), `"${q}" finds ${name}: ${found.join(', ')}`)
      }
    })
  })
}
