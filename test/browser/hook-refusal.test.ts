// A write hook's refusal as a user meets it: Chromium submits an edit form, the hook refuses on a field,
// and the form comes back with the message beside that field and everything the user typed still in it.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import type { DialectName } from '../../src/introspect/metadata.js'
import { Refusal } from '../../src/resources/behaviour.js'
import { launchBrowser } from '../helpers/browser.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup: Record<DialectName, string> = {
  postgres: `create table item (id serial primary key, name text not null, qty int);`,
  sqlite: `create table item (id integer primary key, name text not null, qty int);`,
}

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

for (const { name: dialect } of dialects) {
  describe(`a hook's refusal in Chromium (${dialect})`, () => {
    const fx = suiteFixture(() =>
      openAdminDb(dialect, `${setup[dialect]} insert into item (name, qty) values ('Apple', 1);`),
    )
    let base = ''
    let server: Server | undefined
    before(async () => {
      const admin = fx.admin({
        secret: 'test',
        config: {
          tables: {
            item: {
              hooks: {
                beforeSave: ({ values }) => {
                  if (Number(values.qty) < 0) throw new Refusal('Quantity cannot be negative.', { field: 'qty' })
                },
              },
            },
          },
        },
      })
      server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server!.listening ? resolve() : server!.once('listening', () => resolve())))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    after(async () => {
      server?.closeAllConnections()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    })

    test('the message is beside the field, the typed values are kept, nothing is saved', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      try {
        await page.goto(`${base}/${fx.s}/item/row/1/edit`)
        await page.locator('[name="v:name"]').fill('Green apple')
        await page.locator('[name="v:qty"]').fill('-3')
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.locator('button[name="_action"][value="save"]').click(),
        ])
        await page.waitForLoadState()
        assert.equal(response.status(), 422)
        const qtyField = page.locator('[data-field="qty"]')
        assert.equal(await qtyField.locator('[id$="-error"]').innerText(), 'Quantity cannot be negative.')
        assert.equal(await page.locator('[data-field="name"] [id$="-error"]').count(), 0)
        assert.equal(await page.locator('[name="v:qty"]').inputValue(), '-3')
        assert.equal(await page.locator('[name="v:name"]').inputValue(), 'Green apple')
        const { rows } = await sql<{ name: string; qty: number }>`select name, qty from item where id = 1`.execute(
          fx.connection.db,
        )
        assert.deepEqual({ ...rows[0] }, { name: 'Apple', qty: 1 })
      } finally {
        await page.close()
      }
    })
  })
}
