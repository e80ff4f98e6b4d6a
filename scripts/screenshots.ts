// The README's screenshots, run by hand (not by the tests):
//   node --import tsx scripts/screenshots.ts [--out docs/screenshots] [--scale 0.05]
// Builds the demo shop in a temp dir, serves the admin in this process, and saves 1280×800 PNGs of the
// main pages in the light and the dark scheme, with Debian's Chromium.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { startDemoServer } from '../test/browser/demo-server.js'
import { launchBrowser } from '../test/helpers/browser.js'

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'docs/screenshots' }, scale: { type: 'string', default: '0.05' } },
})
const out = resolve(args.out)

/** Each shot: a file name, the page, and what a user does on it before the picture is taken. */
const shots: { name: string; path: string; act?: (page: Page) => Promise<void> }[] = [
  { name: 'index', path: '/' },
  { name: 'list', path: '/main/orders/?sort=-placed_at&f.status=shipped' },
  { name: 'detail', path: '/main/customers/row/2' },
  {
    name: 'edit-error',
    path: '/main/products/row/3/edit',
    async act(page) {
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Oak desk lamp, brass finish')
      await page.getByRole('spinbutton', { name: 'Price', exact: true }).fill('')
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await page.getByRole('alert').waitFor()
      await page.getByRole('spinbutton', { name: 'Price', exact: true }).scrollIntoViewIfNeeded()
      await page.evaluate('window.scrollTo(0, 0)')
    },
  },
  { name: 'delete-preview', path: '/main/orders/row/2/delete' },
]

mkdirSync(out, { recursive: true })
const server = await startDemoServer('sqlite', Number(args.scale))
const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } })
try {
  const page = await browser.context.newPage()
  page.setDefaultTimeout(10_000)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const shot of shots) {
      const response = await page.goto(server.base + shot.path)
      if (!response?.ok()) throw new Error(`${shot.path} answered ${response?.status()}`)
      await shot.act?.(page)
      const file = join(out, `${shot.name}-${scheme}.png`)
      await page.screenshot({ path: file })
      console.log(file)
    }
  }
} finally {
  await browser.close()
  await server.close()
}
