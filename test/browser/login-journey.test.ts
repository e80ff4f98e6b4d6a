// Logging in and out in Debian's Chromium, on both dialects: a page asked for before login comes back
// after it, the header names who is logged in, and logging out ends the session.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.js'
import { defaultSchema, dialects } from '../helpers/test-db.js'
import { sql } from 'kysely'
import { addAccount } from '../../src/auth/account-store.js'
import { hashPassword } from '../../src/auth/password.js'
import { createLoginFixture, password, type LoginFixture } from '../http/login-fixture.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core's serious and critical violations on the page as it stands (the CSP is bypassed to inject it). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath })
  const violations = (await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as { id: string; impact: string | null; help: string }[]
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}`)
}

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser({ bypassCSP: true })
})
after(async () => {
  await browser?.close()
})

for (const { name: dialect, create } of dialects) {
  describe(`login journey (${dialect})`, () => {
    let fx: LoginFixture
    let server: Server
    let base: string
    let page: Page
    before(async () => {
      fx = await createLoginFixture(await create())
      fx.clock.now = Date.now()
      server = serve({ fetch: fx.admin().fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      page = await browser.context.newPage()
      page.setDefaultTimeout(5_000)
    })
    after(async () => {
      await page?.close()
      server?.closeAllConnections()
      await new Promise<void>((resolve) => server?.close(() => resolve()))
      await fx?.close()
      await fx?.test.drop()
    })

    test('log in through the form, see who is logged in, log out', async () => {
      const schema = defaultSchema[dialect]
      await page.goto(`${base}/${schema}/notes/`)
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
      assert.equal(await page.getByRole('navigation', { name: 'Tables' }).count(), 0, 'no tables before login')

      await page.getByLabel('Name').fill('ada')
      await page.getByLabel('Password').fill('not it')
      await page.getByRole('button', { name: 'Log in' }).click()
      assert.match(await page.getByRole('alert').innerText(), /The name or the password is not right/)
      assert.equal(await page.getByLabel('Name').inputValue(), 'ada', 'the name is kept')
      assert.deepEqual(await seriousViolations(page), [], 'the login form with its error is accessible')

      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.getByRole('heading', { level: 1, name: 'Notes' }).waitFor()
      assert.equal(new URL(page.url()).pathname, `/${schema}/notes/`, 'back to the page asked for')
      assert.match(await page.getByRole('banner').innerText(), /Logged in as ada/)
      assert.deepEqual(await seriousViolations(page), [], 'the header with its Log out button is accessible')
      const cookie = (await browser.context.cookies(base)).find((c) => c.name === 'steward-session')
      assert.ok(cookie?.httpOnly)
      assert.equal(cookie?.sameSite, 'Lax')

      await page.getByRole('button', { name: 'Log out' }).click()
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
      await page.goto(`${base}/`)
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
      assert.equal((await browser.context.cookies(base)).filter((c) => c.name === 'steward-session').length, 0)
    })

    test('a viewer sees no edit or delete button, a forged save is refused, and logging out ends it', async () => {
      const schema = defaultSchema[dialect]
      await addAccount(fx.connection.db, fx.store, {
        name: 'vic',
        roles: ['viewer'],
        passwordHash: await hashPassword(password),
      })
      await page.goto(`${base}/${schema}/notes/row/1`)
      await page.getByLabel('Name').fill('vic')
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page
        .getByRole('heading', { level: 1 })
        .filter({ hasText: /^Note / })
        .waitFor()
      assert.equal(new URL(page.url()).pathname, `/${schema}/notes/row/1`)
      assert.equal(await page.getByRole('link', { name: 'Edit', exact: true }).count(), 0, 'no Edit button')
      assert.equal(await page.getByRole('link', { name: /^Delete/ }).count(), 0, 'no Delete button')

      // The page's own CSRF token (the Log out form carries one) and the browser's own origin: only the role refuses.
      const status = await page.evaluate(async (field) => {
        const token = (document.querySelector(`input[name="${field}"]`) as HTMLInputElement).value
        const body = new URLSearchParams({ [field]: token, 'v:body': 'forged' })
        const response = await fetch(`${location.pathname}/edit`, { method: 'POST', body })
        return response.status
      }, csrfField)
      assert.equal(status, 403)
      const { rows } = await sql<{ body: string }>`select body from notes where id = 1`.execute(fx.connection.db)
      assert.equal(rows[0]!.body, 'hello', 'nothing was written')

      await page.getByRole('button', { name: 'Log out' }).click()
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
      assert.equal(
        (await page.request.get(`${base}/${schema}/notes/row/1/edit`, { maxRedirects: 0 })).status(),
        303,
        'after logout the edit form asks for a login again',
      )
    })
  })
}
