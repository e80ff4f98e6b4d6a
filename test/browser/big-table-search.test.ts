// A list search on a table Steward counts as big (made small here by `search.bigTableRows`), in Debian's Chromium on
// both dialects: the default search keeps to what an index answers and says so; its link searches every column.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.js'
import { defaultSchema } from '../helpers/test-db.js'
import { startDemoServer, type DemoServer } from './demo-server.js'
import { listTable, readTable } from './read-table.js'

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`a big table's search (${dialect})`, () => {
    let server: DemoServer
    let page: Page
    before(async () => {
      server = await startDemoServer(dialect, 0.01, { search: { bigTableRows: 5 } })
      page = await browser.context.newPage()
      page.setDefaultTimeout(5_000)
    })
    after(async () => {
      await page?.close()
      await server?.close()
    })

    test('a word inside a name is found only through "Search all columns"', async () => {
      const s = defaultSchema[dialect]
      await page.goto(`${server.base}/${s}/products/?size=200`)
      const names = (await readTable(listTable(page, 'Products'))).rows.map((row) => row['Name']!)
      // A later word of some name that no name starts with: the prefix search cannot find it.
      const word = names
        .flatMap((name) => name.split(' ').slice(1))
        .find((w) => w.length > 3 && !names.some((name) => name.toLowerCase().startsWith(w.toLowerCase())))
      assert.ok(word, 'some name has a word inside it that starts no name')

      const box = page.locator('#list-search')
      await box.fill(word)
      await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === word), box.press('Enter')])
      const note = page.locator('[data-search-note]')
      assert.match(await note.innerText(), /^Big table: searched only by the start of [^;]*Name/)
      assert.deepEqual((await readTable(listTable(page, 'Products'))).rows, [])

      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('search') === 'all'),
        page.getByRole('link', { name: 'Search all columns (slow)' }).click(),
      ])
      const found = (await readTable(listTable(page, 'Products'))).rows.map((row) => row['Name']!)
      assert.ok(
        found.length > 0 && found.every((name) => name.toLowerCase().includes(word.toLowerCase())),
        found.join(),
      )
      assert.equal(await note.count(), 0, 'a search of every column needs no note')
    })
  })
}
