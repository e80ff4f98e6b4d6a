// The list page where a support person reads it (issue 12.4, 12.5), in Debian's Chromium on the demo shop on
// both dialects: at 1280×800 the open filters sit beside the rows and a choice applies without Apply; at 390×844
// the rows are cards read without sideways scrolling, with tap targets of at least 24×24 px; without
// JavaScript the Apply button still filters. Screenshots go to test-output/ for a person to look at.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.js'
import { startDemoServer, type DemoServer } from './demo-server.js'
import { listTable } from './read-table.js'

const wide = { width: 1280, height: 800 }
const phone = { width: 390, height: 844 }
const shots = fileURLToPath(new URL('../../test-output/', import.meta.url))

let browser: Awaited<ReturnType<typeof launchBrowser>>
let scriptless: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  mkdirSync(shots, { recursive: true })
  ;[browser, scriptless] = await Promise.all([launchBrowser(), launchBrowser({ javaScriptEnabled: false })])
})
after(async () => {
  await Promise.all([browser?.close(), scriptless?.close()])
})

const firstRow = (page: Page) => listTable(page, 'Orders').locator('tbody tr').first()
const filters = (page: Page) => page.getByRole('region', { name: 'Filters' })
const chips = (page: Page) => page.getByRole('list', { name: 'Active filters' })

/**
 * Fails unless the element is drawn inside the viewport without scrolling the page: wholly, or (`wider`) from
 * its left edge on, for a row of a desktop table that scrolls sideways inside its own box.
 */
async function assertInView(
  locator: Locator,
  viewport: { width: number; height: number },
  what: string,
  wider = false,
) {
  const box = await locator.boundingBox()
  assert.ok(box, `${what} is drawn`)
  const right = wider ? box.x : box.x + box.width
  assert.ok(
    box.x >= 0 && box.y >= 0 && right <= viewport.width && box.y + box.height <= viewport.height,
    `${what} is within the ${viewport.width}×${viewport.height} viewport: ${JSON.stringify(box)}`,
  )
}

/**
 * Every control a user can see in the page's main part (not the breadcrumb's words), by its drawn size. One
 * string evaluated in the page: tsx would wrap named functions in a helper the page does not have.
 */
const targets = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll(
      'main a, main button, main input:not([type=hidden]), main select, main summary, main textarea')]
    .filter((el) => !el.closest('nav[aria-label="Breadcrumb"]') && el.checkVisibility())
    .map((el) => {
      const box = el.getBoundingClientRect()
      return { what: el.outerHTML.slice(0, 90), width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 }
    })`) as Promise<{ what: string; width: number; height: number }[]>

async function assertTapTargets(page: Page, least: number) {
  const all = await targets(page)
  assert.ok(all.length >= least, `at least ${least} controls were measured, not ${all.length}`)
  assert.deepEqual(
    all.filter((t) => t.width < 24 || t.height < 24),
    [],
    'every control is at least 24×24 px',
  )
}

/** The demo's tables live in SQLite's main schema and in Postgres' public one. */
const schemaOf = { sqlite: 'main', postgres: 'public' } as const

const scrollsSideways = (page: Page) =>
  page.evaluate('document.scrollingElement.scrollWidth > innerWidth') as Promise<boolean>

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`list layout (${dialect})`, () => {
    let server: DemoServer
    let page: Page
    const orders = `/${schemaOf[dialect]}/orders/`
    before(async () => {
      server = await startDemoServer(dialect)
      page = await browser.context.newPage()
      page.setDefaultTimeout(5_000)
    })
    after(async () => {
      await page?.close()
      await server?.close()
    })

    test('1280×800: open filters leave the first row in sight; a choice applies at once; a chip removes its filter', async () => {
      await page.setViewportSize(wide)
      await page.goto(`${server.base}${orders}`)
      assert.equal(await filters(page).getByLabel('Status', { exact: true }).isVisible(), false, 'folded at first')
      await filters(page).getByText('Filters', { exact: true }).click()
      await assertInView(filters(page).getByLabel('Status', { exact: true }), wide, 'the Status filter')
      await assertInView(firstRow(page), wide, 'the first row, with the filters open', true)

      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('f.status') === 'delivered'),
        filters(page).getByLabel('Status', { exact: true }).selectOption({ value: 'delivered' }),
      ])
      await page.waitForLoadState('load')
      assert.match(await chips(page).innerText(), /Status.*delivered/i)
      assert.equal(await filters(page).getByLabel('Status', { exact: true }).inputValue(), 'delivered')
      await assertInView(firstRow(page), wide, 'the first filtered row, with the filters open', true)
      const statuses = await listTable(page, 'Orders')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).innerText))
      assert.ok(statuses.length > 0)
      for (const row of statuses) assert.match(row, /delivered/i)
      if (dialect === 'sqlite') {
        await page.screenshot({ path: `${shots}list-wide-filters-open.png` })
        await page.emulateMedia({ colorScheme: 'dark' })
        await page.screenshot({ path: `${shots}list-wide-filters-open-dark.png` })
        await page.emulateMedia({ colorScheme: 'light' })
      }

      await chips(page)
        .getByRole('link', { name: /Remove filter: Status/ })
        .click()
      await page.waitForURL((url) => !url.searchParams.has('f.status'))
      assert.equal(await chips(page).count(), 0, 'no chips once the last filter is removed')
      assert.equal(await filters(page).getByLabel('Status', { exact: true }).isVisible(), false, 'folded again')
    })

    test('390×844: rows as cards with their label and key fields, no sideways scrolling, 24 px targets', async () => {
      await page.setViewportSize(phone)
      await page.goto(`${server.base}${orders}?f.status=delivered`)
      assert.equal(await scrollsSideways(page), false, 'the page does not scroll sideways')
      // The active filter is named by its chip; the panel is folded so the rows come first.
      assert.match(await chips(page).innerText(), /delivered/i)
      assert.equal(await filters(page).getByLabel('Status', { exact: true }).isVisible(), false)
      assert.equal(await page.getByRole('link', { name: 'Export CSV' }).isVisible(), false, 'the menu is folded')

      const row = firstRow(page)
      const label = row.locator('td.st-lead a')
      await assertInView(label, phone, "the first row's label")
      assert.match(await label.innerText(), /\S/)
      const fields = row.locator('td[data-label]')
      assert.equal(await fields.count(), 3, 'three key fields')
      for (let i = 0; i < 3; i++) {
        const field = fields.nth(i)
        const name = await field.getAttribute('data-label')
        await assertInView(field, phone, `the first row's ${name}`)
        // The field's name is drawn before its value (CSS generated content, read back from the style).
        const before = await field.evaluate((cell) => getComputedStyle(cell, '::before').content)
        assert.equal(before, `"${name}" ":"`.replace('" "', ''), `the ${name} field is labelled`)
      }
      assert.match(await fields.nth(2).innerText(), /delivered/i, 'the third key field is the status')
      await assertTapTargets(page, 50)
      if (dialect === 'sqlite') await page.screenshot({ path: `${shots}list-phone.png` })

      // The filters and the menu open from their buttons, still without sideways scrolling.
      await page.getByText('More', { exact: true }).click()
      await page.getByRole('link', { name: 'Export CSV' }).waitFor()
      await filters(page).getByText('Filters', { exact: true }).click()
      await filters(page).getByLabel('Status', { exact: true }).waitFor()
      assert.equal(await scrollsSideways(page), false)
      await assertTapTargets(page, 60)
      if (dialect === 'sqlite') {
        await page.screenshot({ path: `${shots}list-phone-menus-open.png` })
        await page.emulateMedia({ colorScheme: 'dark' })
        await page.goto(`${server.base}/${schemaOf[dialect]}/customers/`)
        await page.screenshot({ path: `${shots}list-phone-customers-dark.png` })
        await page.emulateMedia({ colorScheme: 'light' })
      }
    })

    test('without JavaScript the Apply button filters', async () => {
      const bare = await scriptless.context.newPage()
      bare.setDefaultTimeout(5_000)
      try {
        await bare.setViewportSize(wide)
        await bare.goto(`${server.base}${orders}`)
        await filters(bare).getByText('Filters', { exact: true }).click()
        await filters(bare).getByLabel('Status', { exact: true }).selectOption({ value: 'delivered' })
        assert.equal(new URL(bare.url()).searchParams.has('f.status'), false, 'choosing alone does not apply')
        await filters(bare).getByRole('button', { name: 'Apply filters' }).click()
        await bare.waitForURL((url) => url.searchParams.get('f.status') === 'delivered')
        assert.match(await chips(bare).innerText(), /delivered/i)
        await assertInView(firstRow(bare), wide, 'the first filtered row, with the filters open', true)
      } finally {
        await bare.close()
      }
    })
  })
}
