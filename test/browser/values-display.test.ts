// Money and time as a person sees them in Debian's Chromium, in Tokyo: the server writes a zoned timestamp
// in UTC and steward.js moves it to the viewer's zone with its offset (a naive one stays as stored, marked);
// and the edit form, which shows decimals without separators, saves nothing when nothing was touched.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { launchBrowser } from '../helpers/browser.js'
import { defaultSchema, dialects, type TestDb } from '../helpers/test-db.js'
import { ledgerSetup } from '../http/value-display-fixture.js'

/** The row exactly as stored: Postgres its text and xmin (a rewrite moves it), SQLite each value's type and bytes. */
const exactRow: Record<DialectName, string> = {
  postgres: `select l::text || ' xmin=' || l.xmin::text as r from ledger l where id = 1`,
  sqlite: `select typeof(amount) || quote(amount) || typeof(ratio) || quote(ratio) || quote(price)
    || typeof(euros) || quote(euros) || quote(noted) || quote(paid) as r from ledger where id = 1`,
}

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser({ timezoneId: 'Asia/Tokyo' })
})
after(async () => {
  await browser?.close()
})

for (const { name: dialect, create } of dialects) {
  describe(`money and time in Chromium (${dialect})`, () => {
    const s = defaultSchema[dialect]
    let db: TestDb
    let connection: Connection
    let server: Server
    let base: string
    before(async () => {
      db = await create(ledgerSetup[dialect])
      connection = await connect(db.url)
      const schema = await connection.dialect.introspect(connection.db)
      const config = { tables: { ledger: { fields: { euros: { currency: 'EUR' } } } } }
      const admin = createAdmin({ db: connection.db, schema, config, checkDrift: false, secret: 'test' })
      server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    after(async () => {
      server?.closeAllConnections()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      await connection?.close()
      await db?.drop()
    })

    for (const [page, path] of [
      ['list', ''],
      ['detail page', 'row/1'],
    ] as const) {
      test(`the ${page} shows a zoned timestamp in the viewer's zone, a naive one as stored`, async () => {
        const tab = await browser.context.newPage()
        tab.setDefaultTimeout(5_000)
        try {
          await tab.goto(`${base}/${s}/ledger/${path}`)
          const zoned = tab.locator('time[data-zoned]')
          // 14:05 UTC is 23:05 in Tokyo; the microseconds stay as stored.
          await tab.waitForFunction(() => document.querySelector('time[data-zoned]')?.textContent?.endsWith('+09:00'))
          assert.equal(await zoned.innerText(), '2024-01-31 23:05:00.123456 +09:00')
          assert.match((await zoned.getAttribute('title')) ?? '', / ago$/)
          const naive = tab.locator('time:not([data-zoned])')
          assert.equal(await naive.innerText(), '2024-01-31 14:05:00')
          // The script gives every time its distance from now; a naive one, read as UTC, says it has no zone.
          assert.match((await naive.getAttribute('title')) ?? '', / ago \(no time zone stored\)$/)
          // A list says it once, in the column's header; the detail page beside the value.
          const marker = page === 'list' ? tab.locator('th', { hasText: 'Noted' }) : naive.locator('xpath=..')
          assert.match(await marker.innerText(), /no zone/)
          assert.match(await tab.locator('main').innerText(), /1,503\.50[\s\S]*1,234,567\.891[\s\S]*€1,503\.50/)
        } finally {
          await tab.close()
        }
      })
    }

    test('saving the untouched edit form writes nothing', async () => {
      const read = async () => (await sql.raw<{ r: string }>(exactRow[dialect]).execute(connection.db)).rows[0]?.r
      const before = await read()
      const tab = await browser.context.newPage()
      tab.setDefaultTimeout(5_000)
      try {
        await tab.goto(`${base}/${s}/ledger/row/1/edit`)
        assert.doesNotMatch(await tab.getByLabel('Amount', { exact: true }).inputValue(), /,/)
        await Promise.all([
          tab.waitForResponse((r) => r.request().method() === 'POST'),
          tab.locator('button[name="_action"][value="save"]').click(),
        ])
        await tab.waitForLoadState()
        assert.match(
          (await tab.locator('[role="status"], [role="alert"]').allInnerTexts()).join(' '),
          /No changes to save/,
        )
      } finally {
        await tab.close()
      }
      assert.equal(await read(), before)
    })
  })
}
