// The write half as an engineer fixing data uses it, in Debian's Chromium, on both dialects: an edit
// that fails validation keeps everything typed, the fixed save lands on the detail page with a flash,
// and a delete preview of a row with cascading children shows their counts before anything is deleted.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import type { Locator, Page } from 'playwright-core'
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

const nav = (page: Page) => page.getByRole('navigation', { name: 'Tables' })
/** The value a detail page shows for a field, found by its label. */
const detailValue = (page: Page, label: string) =>
  page
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('+ dd')
    .innerText()

/** Keeps a full-page PNG of a step under test-output/ (git-ignored), for a person to look at after a run. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-output/screenshots', { recursive: true })
  const png = await page.screenshot({ path: `test-output/screenshots/${name}.png`, fullPage: true })
  assert.equal(png.subarray(1, 4).toString(), 'PNG')
}

/** The text of the elements a control's aria-describedby points at: its error and hint. */
async function description(page: Page, control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean)
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()))
  return texts.join(' ')
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`edit journey (${dialect})`, () => {
    const demo = demoPage(dialect, () => browser)

    test('a failed save keeps what was typed; the fixed save redirects with a flash', async () => {
      const { page, server } = demo
      await page.goto(`${server.base}/`)
      await nav(page).getByRole('link', { name: 'Products', exact: true }).click()
      const first = (await readTable(listTable(page, 'Products'))).rows[0]!
      await listTable(page, 'Products').getByRole('link', { name: first['Id']!, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: /^Product \S/ }).waitFor()
      const detailUrl = page.url()
      await page.getByRole('link', { name: 'Edit', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: /^Edit product \S/ }).waitFor()

      const name = page.getByRole('textbox', { name: 'Name', exact: true })
      const description_ = page.getByRole('textbox', { name: 'Description', exact: true })
      const price = page.getByRole('textbox', { name: 'Price', exact: true })
      const newName = `Lamp “Ørsted” ${dialect}`
      const newDescription = 'Typed in the browser,\nover two lines.'
      await name.fill(newName)
      await description_.fill(newDescription)
      await price.fill('') // a required decimal left empty
      await page.getByRole('button', { name: 'Save product', exact: true }).click()

      // Back on the form: a message next to Price, the summary links to it, and nothing typed is lost.
      const alert = page.getByRole('alert')
      await alert.waitFor()
      assert.match(await alert.innerText(), /Please correct: Price\. Nothing was saved\./)
      assert.match(new URL(page.url()).pathname, /\/edit$/)
      assert.equal(await price.getAttribute('aria-invalid'), 'true')
      const priceMessage = await description(page, price)
      assert.ok(priceMessage.length > 0, 'the price explains what is wrong')
      const [inputBox, errorBox] = await Promise.all([
        price.boundingBox(),
        page.locator(`[id="${(await price.getAttribute('aria-describedby'))!.split(' ')[0]}"]`).boundingBox(),
      ])
      assert.ok(
        inputBox && errorBox && errorBox.y >= inputBox.y && errorBox.y - (inputBox.y + inputBox.height) < 40,
        'the message sits under the field',
      )
      assert.equal(await name.inputValue(), newName)
      assert.equal(await description_.inputValue(), newDescription)
      assert.equal(await price.inputValue(), '')
      assert.equal(await name.getAttribute('aria-invalid'), null, 'only the wrong field is marked')
      await screenshot(page, `edit-${dialect}-1-failed-validation`)
      await alert.getByRole('link', { name: 'Price' }).click()
      assert.equal(
        await price.evaluate((element) => element === document.activeElement || location.hash === `#${element.id}`),
        true,
      )

      // Fix it: saved, back on the detail page with a flash naming the new value.
      await price.fill('12.50')
      await page.getByRole('button', { name: 'Save product', exact: true }).click()
      await page.waitForURL(detailUrl)
      const flash = page.getByRole('status').filter({ hasText: newName })
      assert.equal(await flash.count(), 1, `a flash names ${newName}`)
      assert.equal(await detailValue(page, 'Name'), newName)
      assert.equal(await detailValue(page, 'Description'), newDescription)
      assert.match(await detailValue(page, 'Price'), /^12\.50?$/)
      await screenshot(page, `edit-${dialect}-2-saved`)

      // The flash is shown once.
      await page.reload()
      assert.equal(await page.getByRole('status').filter({ hasText: newName }).count(), 0)
    })

    test('the delete preview of an order shows its cascading children; cancel keeps it', async () => {
      const { page, server } = demo
      await nav(page).getByRole('link', { name: 'Orders', exact: true }).click()
      const orderId = (await readTable(listTable(page, 'Orders'))).rows[1]!['Id']!
      await listTable(page, 'Orders').getByRole('link', { name: orderId, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: `Order ${orderId}` }).waitFor()
      const detailUrl = page.url()
      const related = async (title: string) => {
        const heading = await page
          .getByRole('region', { name: new RegExp(`^${title} \\(`) })
          .getByRole('heading')
          .innerText()
        return Number(heading.match(/\((\d+)\)/)![1])
      }
      const items = await related('Order items')
      const payments = await related('Payments')
      assert.ok(items > 0 && payments > 0, 'the demo order has items and payments')

      await page.getByRole('link', { name: 'Delete', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: `Delete order ${orderId}` }).waitFor()
      await screenshot(page, `edit-${dialect}-3-delete-preview`)
      await page.getByRole('heading', { name: 'Will also be deleted' }).waitFor()
      const rules = page.getByText(/ON DELETE CASCADE/)
      assert.equal(await rules.count(), 2, 'the engine rules are kept for developers')
      assert.equal(await rules.first().isVisible(), false, 'collapsed under Developer details')
      const count = (noun: string, n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`
      assert.equal(await page.getByRole('link', { name: count('order item', items), exact: true }).count(), 1)
      assert.equal(await page.getByRole('link', { name: count('payment', payments), exact: true }).count(), 1)
      assert.equal(await page.getByRole('button', { name: 'Yes, delete' }).isEnabled(), true)

      // The count links to exactly those rows: the item list filtered on this order.
      const deleteUrl = page.url()
      await page.getByRole('link', { name: count('order item', items), exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('f.order_id') === orderId)
      assert.equal((await readTable(listTable(page, 'Order items'))).rows.length, Math.min(items, 50))
      await page.goto(deleteUrl)

      await page.getByRole('link', { name: 'No, go back' }).click()
      await page.waitForURL(detailUrl)
      await page.getByRole('heading', { level: 1, name: `Order ${orderId}` }).waitFor()
      assert.equal(await related('Order items'), items, 'nothing was deleted')
    })
  })
}
