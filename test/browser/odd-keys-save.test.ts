// Rows reached by the links Steward draws for awkward keys and names, saved in Chromium: SQLite keys holding a
// value of another type (named by their rowid), Postgres array keys, tables named `.` and `..`, a column named
// `__proto__`. Chromium follows each row's link from the list (resolving the address as browsers do), opens Edit
// and presses Save untouched: every row stays byte-identical. Then one field of one row is changed: only it moves.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import { nameSegment } from '../../src/http/urls.js'
import { launchBrowser } from '../helpers/browser.js'
import { openAdminDb, type AdminDb } from '../helpers/test-db.js'

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

const fixtures = {
  sqlite: {
    setup: `
      create table untyped (id primary key, v text);
      insert into untyped values (1, 'integer one'), ('1', 'text one'), (1.5, 'real'), (x'01', 'blob'), ('', 'empty');
      create table dated (id date primary key, v text);
      insert into dated values ('2024-02-29', 'a date'), ('not a date', 'garbage'), (20240229, 'a number');
      create table "." (id int primary key, "__proto__" text, v text);
      insert into "." values (1, 'proto value', 'dot');`,
    tables: ['untyped', 'dated', '.'],
    // Each row by its rowid, with its key's storage class and quoted value: what "unchanged" means on SQLite.
    exact: (table: string) => `select rowid as k, typeof(id) as t, quote(id) as q, * from "${table}"`,
  },
  postgres: {
    setup: `
      create table tagged (id int[] primary key, v text);
      insert into tagged values ('{1,2}', 'one-two'), ('{}', 'empty'), ('{NULL}', 'a null');
      create table ".." (id int primary key, "__proto__" text, v text);
      insert into ".." values (1, 'proto value', 'dotdot');`,
    tables: ['tagged', '..'],
    exact: (table: string) => `select t::text || ' xmin=' || t.xmin::text as r from "${table}" t`,
  },
} as const

async function rows(fx: AdminDb, table: string): Promise<string[]> {
  const query = fixtures[fx.test.dialect].exact(table)
  const { rows } = await sql.raw<Record<string, unknown>>(query).execute(fx.connection.db)
  return rows
    .map((row) => JSON.stringify(row, (_, value) => (typeof value === 'bigint' ? String(value) : value)))
    .sort()
}

async function serveAdmin(fx: AdminDb) {
  const server = serve({ fetch: fx.admin({ secret: 'test' }).fetch, port: 0, hostname: '127.0.0.1' }) as Server
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`saving rows reached by awkward keys and names in Chromium (${dialect})`, () => {
    let fx: AdminDb
    let site: Awaited<ReturnType<typeof serveAdmin>>
    before(async () => {
      fx = await openAdminDb(dialect, fixtures[dialect].setup)
      site = await serveAdmin(fx)
    })
    after(async () => {
      await site?.close()
      await fx?.close()
    })

    test(
      'every row opens from its link and saves untouched with nothing written; a change moves its row alone',
      { timeout: 90_000 },
      async () => {
        const page = await browser.context.newPage()
        page.setDefaultTimeout(10_000)
        const problems: string[] = []
        try {
          for (const table of fixtures[dialect].tables) {
            const listPath = `/${fx.s}/${nameSegment(table)}/`
            await page.goto(`${site.base}${listPath}`)
            // The row links as the browser resolved them.
            const links = await page
              .locator('tbody a[href*="/row/"]')
              .evaluateAll((anchors) => [...new Set(anchors.map((a) => (a as HTMLAnchorElement).href.split('?')[0]!))])
            const before = await rows(fx, table)
            assert.equal(links.length, before.length, `${table}: a link for each row`)
            const opened = new Set<string>()
            for (const link of links) {
              await page.goto(link)
              opened.add(await page.locator('dl').innerText())
              await page.getByRole('link', { name: 'Edit', exact: true }).click()
              await Promise.all([
                page.waitForResponse((r) => r.request().method() === 'POST'),
                page.locator('button[name="_action"][value="save"]').click(),
              ])
              await page.waitForLoadState()
              const said = await page.locator('[role="status"], [role="alert"]').allInnerTexts()
              if (!said.some((text) => text.includes('No changes to save')))
                problems.push(`${link}: ${said.join(' / ')}`)
            }
            assert.equal(opened.size, before.length, `${table}: each link opens a row of its own`)
            assert.deepEqual(await rows(fx, table), before, `${table}: nothing written`)

            // One field of the first row, typed as a person types it.
            await page.goto(`${links[0]}/edit`)
            const field = page.locator('[name="v:v"]')
            const was = await field.inputValue()
            await field.fill(`${was}!`)
            await Promise.all([
              page.waitForResponse((r) => r.request().method() === 'POST'),
              page.locator('button[name="_action"][value="save"]').click(),
            ])
            // The page the save led to, saying so: the write is over before the table is read.
            await page.waitForLoadState()
            assert.match((await page.locator('[role="status"]').allInnerTexts()).join(' '), /Saved/, `${table}: saved`)
            const after = await rows(fx, table)
            const changed = after.filter((row) => !before.includes(row))
            assert.equal(changed.length, 1, `${table}: one row changed`)
            assert.ok(changed[0]!.includes(`${was}!`), `${table}: the changed row is the one edited`)
          }
        } finally {
          await page.close()
        }
        assert.deepEqual(problems, [], problems.join('\n'))
      },
    )
  })
}
