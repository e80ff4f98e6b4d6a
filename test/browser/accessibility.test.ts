// axe-core on every kind of admin page, in the light and the dark scheme: no serious or critical
// violation; the lesser ones are printed so they stay visible.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { launchBrowser } from '../helpers/browser.js'
import { startDemoServer, type DemoServer } from './demo-server.js'

interface AxeViolation {
  id: string
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** Each page, how to reach it, and the status it answers with. */
const pages: {
  name: string
  path: string
  status: number
  prepare?: (page: Page) => Promise<void>
  /** A phone's size (390×844) rather than the desktop's: the list's rows become cards there. */
  phone?: boolean
}[] = [
  { name: 'index', path: '/', status: 200 },
  { name: 'list', path: '/main/orders/', status: 200 },
  {
    name: 'filtered and searched list',
    path: '/main/customers/?q=a&f.tier=gold&f.is_active=true&sort=-last_name',
    status: 200,
  },
  {
    name: 'list on a phone, with its filters and menu open',
    path: '/main/orders/?f.status=pending',
    status: 200,
    phone: true,
    async prepare(page) {
      await page.locator('summary', { hasText: 'Filters' }).click()
      await page.locator('summary', { hasText: 'More' }).click()
    },
  },
  { name: 'detail with related rows', path: '/main/customers/row/2', status: 200 },
  { name: 'detail with related rows on a phone', path: '/main/customers/row/2', status: 200, phone: true },
  { name: 'search across tables', path: '/search?q=bamboo', status: 200 },
  { name: '400 page', path: '/main/orders/?sort=no_such_column&size=7', status: 400 },
  { name: 'edit form', path: '/main/products/row/2/edit', status: 200 },
  {
    name: 'edit form with errors',
    path: '/main/products/row/2/edit',
    status: 200,
    async prepare(page) {
      await page.getByRole('textbox', { name: 'Price', exact: true }).fill('')
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('')
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Save product', exact: true }).click(),
      ])
    },
  },
  {
    name: 'edit form in fieldsets with help, a read-only field and Save as new',
    path: '/main/products/row/3/edit',
    status: 200,
    async prepare(page) {
      await page.locator('summary', { hasText: 'Stock' }).click()
    },
  },
  { name: 'detail in fieldsets', path: '/main/products/row/3', status: 200 },
  { name: 'custom page', path: '/_pages/summary', status: 200 },
  { name: 'delete preview', path: '/main/orders/row/2/delete', status: 200 },
  { name: 'blocked delete preview', path: '/main/customers/row/2/delete', status: 200 },
  {
    name: 'list with date presets in the open filter panel',
    path: '/main/orders/?f.placed_at.gte=2020-01-01',
    status: 200,
  },
  {
    name: 'a required reason left empty',
    path: '/main/orders/row/2/edit',
    status: 200,
    async prepare(page) {
      await page.locator('[name="v:external_ref"]').fill('987654321')
      await Promise.all([page.waitForEvent('load'), page.locator('button[name="_action"][value="save"]').click()])
      await page.locator('#change-reason-error').waitFor()
    },
  },
  {
    name: 'history with a reason',
    path: '/main/orders/row/3/edit',
    status: 200,
    async prepare(page) {
      await page.locator('[name="v:external_ref"]').fill('987654322')
      await page.getByLabel('Reason for this change').fill('Corrected the reference')
      await Promise.all([page.waitForURL(/\/row\/3$/), page.locator('button[name="_action"][value="save"]').click()])
      await page.goto(page.url() + '/history')
      await page.getByText('Corrected the reference').waitFor()
    },
  },
  { name: 'audit page with a reason', path: '/audit', status: 200 },
]

/** Per-field options, fieldsets, Save as new and a custom page, so that their markup is checked too. */
const formOptions: StewardConfigInput = {
  tables: {
    products: {
      saveAsNew: true,
      fields: { name: { help: 'As customers see it.' }, sku: { readOnly: true }, attributes: { hidden: true } },
      fieldsets: [
        { title: 'Catalogue', description: 'Where it is listed.', fields: ['category_id', 'description'] },
        { title: 'Stock', fields: ['stock'], collapsed: true },
      ],
    },
    orders: { requireReason: true, filters: ['status', 'placed_at'] },
  },
  pages: [{ path: '/summary', title: 'Summary', render: () => 'Everything is fine.' }],
}

describe('accessibility (axe-core)', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let server: DemoServer
  let page: Page
  before(async () => {
    ;[browser, server] = await Promise.all([
      launchBrowser({ bypassCSP: true }),
      startDemoServer('sqlite', 0.01, formOptions, { audit: true }),
    ])
    page = await browser.context.newPage()
    page.setDefaultTimeout(5_000)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const scheme of ['light', 'dark'] as const) {
    for (const target of pages) {
      test(`${target.name} (${scheme})`, async () => {
        await page.emulateMedia({ colorScheme: scheme })
        await page.setViewportSize(target.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 })
        const response = await page.goto(server.base + target.path)
        assert.equal(response?.status(), target.status)
        await target.prepare?.(page)
        assert.equal(await page.evaluate('matchMedia("(prefers-color-scheme: dark)").matches'), scheme === 'dark')
        await page.addScriptTag({ path: axePath })
        const violations = (await page.evaluate(
          'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
        )) as AxeViolation[]
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        for (const v of violations.filter((v) => !serious.includes(v))) {
          console.log(`axe ${v.impact} on ${target.name} (${scheme}): ${v.id}: ${v.help} (${v.nodes.length}×)`)
        }
        assert.deepEqual(serious.map(describeViolation), [])
      })
    }
  }
})

const describeViolation = (v: AxeViolation) =>
  `${v.impact} ${v.id}: ${v.help} at ${v.nodes
    .slice(0, 3)
    .map(
      (node) =>
        `${node.target.join(' ')}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ')})` : ''}`,
    )
    .join('; ')}`
