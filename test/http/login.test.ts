import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Hono } from 'hono'
import { sql } from 'kysely'
import { findAccount } from '../../src/auth/account-store.js'
import { hashPassword } from '../../src/auth/password.js'
import { addAccount } from '../../src/auth/account-store.js'
import { auditLogTable, defaultSchema, dialects } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'
import { createLoginFixture, logIn, password, type LoginFixture } from './login-fixture.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

/** A client whose every request carries `headers` (what a proxy in front would add). */
function clientWith(app: Hono<any>, headers: Record<string, string>, origin?: string): EditClient {
  const wrapped = {
    request: (path: string, init: RequestInit) => {
      const all = new Headers(init.headers)
      for (const [name, value] of Object.entries(headers)) all.set(name, value)
      return app.request(path, { ...init, headers: all })
    },
  }
  return new EditClient(wrapped as unknown as Hono, origin)
}

const sessionCookieLine = (response: Response) =>
  response.headers.getSetCookie().find((line) => line.startsWith('steward-session='))

for (const { name: dialect, create } of dialects) {
  describe(`login on ${dialect}`, () => {
    let fx: LoginFixture
    const s = defaultSchema[dialect]
    before(async () => {
      fx = await createLoginFixture(await create())
    })
    after(async () => {
      await fx.close()
      await fx.test.drop()
    })

    it('refuses a bad accounts option at start-up', () => {
      assert.throws(() => fx.admin({ accounts: { target: fx.target, idleMinutes: 0 } }), {
        name: 'ConfigError',
        message: /accounts\.idleMinutes/,
      })
    })

    it('turns away requests without a session: pages redirect to the login form, posts get a 401', async () => {
      const admin = fx.admin()
      const home = await admin.request('/')
      assert.equal(home.status, 303)
      assert.equal(home.headers.get('location'), '/login?next=%2F')
      const list = await admin.request(`/${s}/notes/?q=hel`)
      assert.equal(list.headers.get('location'), `/login?next=${encodeURIComponent(`/${s}/notes/?q=hel`)}`)
      assert.equal((await admin.request(`/${s}/notes/row/1`, { method: 'HEAD' })).status, 303)
      const post = await admin.request(`/${s}/notes/row/1/delete`, {
        method: 'POST',
        headers: { Origin: 'http://localhost' },
        body: new URLSearchParams({ [csrfField]: 'x' }),
      })
      assert.equal(post.status, 401)
      assert.match(await post.text(), /needs a logged-in user[\s\S]*Nothing was changed/)
      const login = await admin.request('/login')
      assert.equal(login.status, 200)
      const html = await login.text()
      assert.match(html, /<label for="login-name"[^>]*>\s*Name/)
      assert.match(html, /<label for="login-password"[^>]*>\s*Password/)
      assert.ok(!html.includes('Notes'), 'no table names before login')
      const css = /href="(\/static\/steward-[0-9a-f]+\.css)"/.exec(html)?.[1]
      assert.ok(css)
      assert.equal((await admin.request(css)).status, 200)
    })

    it('logs in through the form: a fresh visitor, HttpOnly SameSite=Lax cookie, then the page asked for', async () => {
      const client = new EditClient(fx.admin())
      const res = await logIn(client, 'ada', password, { next: `/${s}/notes/?q=hel` })
      assert.equal(res.status, 303)
      assert.equal(res.headers.get('location'), `/${s}/notes/?q=hel`)
      const cookie = sessionCookieLine(res)
      assert.ok(cookie)
      assert.match(cookie, /; HttpOnly/i)
      assert.match(cookie, /; SameSite=Lax/i)
      assert.match(cookie, /; Path=\/(;|$)/)
      assert.doesNotMatch(cookie, /Secure/i)
      const page = await client.get(`/${s}/notes/?q=hel`)
      assert.equal(page.status, 200)
      assert.match(page.html, /Logged in as <strong>ada<\/strong>/)
      assert.match(page.html, /<button type="submit"[^>]*>Log out<\/button>/)
    })

    it('Secure over https, and behind a proxy only when it is trusted', async () => {
      const https = new EditClient(fx.admin(), 'https://localhost')
      const direct = await logIn(https, 'ada', password, { origin: 'https://localhost' })
      assert.match(sessionCookieLine(direct) ?? '', /; Secure/i)
      const proxied = (trustProxy: boolean) =>
        clientWith(fx.admin({ accounts: { target: fx.target, trustProxy, clock: () => fx.clock.now } }), {
          'x-forwarded-proto': 'https',
        })
      assert.match(sessionCookieLine(await logIn(proxied(true), 'ada', password)) ?? '', /; Secure/i)
      assert.doesNotMatch(sessionCookieLine(await logIn(proxied(false), 'ada', password)) ?? '', /Secure/i)
    })

    it('the cookie is limited to the mount path', async () => {
      const host = new Hono()
      host.route('/admin', fx.admin())
      const client = new EditClient(host)
      assert.equal(
        (await host.request(`/admin/${s}/notes/`)).headers.get('location'),
        `/admin/login?next=${encodeURIComponent(`/admin/${s}/notes/`)}`,
      )
      const res = await logIn(client, 'ada', password, { mount: '/admin', next: `/admin/${s}/notes/` })
      assert.equal(res.headers.get('location'), `/admin/${s}/notes/`)
      assert.match(sessionCookieLine(res) ?? '', /; Path=\/admin(;|$)/)
      assert.equal((await client.get(`/admin/${s}/notes/`)).status, 200)
    })

    it('behind a framework that strips the prefix (basePath), links and the cookie carry it', async () => {
      const admin = fx.admin({ basePath: '/panel' })
      const res = await admin.request(`/${s}/notes/`)
      assert.equal(res.headers.get('location'), `/panel/login?next=${encodeURIComponent(`/panel/${s}/notes/`)}`)
      const page = await admin.request('/login')
      assert.match(await page.text(), /<form method="post" action="\/panel\/login"/)
      assert.match(page.headers.getSetCookie().join('\n'), /steward-csrf=[^;]*;.*Path=\/panel/)
    })

    it('an unknown name and a wrong password get the same page and status', async () => {
      const admin = fx.admin()
      const wrong = await logIn(new EditClient(admin), 'ada', 'not the password')
      const unknown = await logIn(new EditClient(admin), 'nobody', 'not the password')
      assert.equal(wrong.status, 401)
      assert.equal(unknown.status, wrong.status)
      const page = (html: string, name: string) =>
        html.replace(`value="${name}"`, 'value="…"').replace(new RegExp(`name="${csrfField}" value="[^"]*"`), '')
      const wrongHtml = await wrong.text()
      assert.equal(page(await unknown.text(), 'nobody'), page(wrongHtml, 'ada'))
      assert.match(wrongHtml, /role="alert"[^>]*>The name or the password is not right/)
      assert.equal(sessionCookieLine(wrong), undefined)
    })

    it('ignores a next that leaves the admin (no open redirect)', async () => {
      const admin = fx.admin()
      for (const next of [
        '//evil.example/',
        'https://evil.example/',
        '/\\evil.example',
        '/\r\nevil',
        '/login',
        'main/notes/',
      ]) {
        const res = await logIn(new EditClient(admin), 'ada', password, { next })
        assert.equal(res.status, 303, next)
        assert.equal(res.headers.get('location'), '/', next)
      }
      const host = new Hono()
      host.route('/admin', fx.admin())
      const outside = await logIn(new EditClient(host), 'ada', password, { mount: '/admin', next: '/elsewhere/' })
      assert.equal(outside.headers.get('location'), '/admin/')
    })

    it('logout ends the session: the old cookie no longer works', async () => {
      const admin = fx.admin()
      const client = new EditClient(admin)
      await logIn(client, 'ada', password)
      const token = client.cookies.get('steward-session')!
      const page = await client.get('/')
      assert.equal(page.status, 200)
      const form = readForm(page.html, '/logout')
      const out = await client.post(form.action, form.pairs)
      assert.equal(out.status, 303)
      assert.equal(out.headers.get('location'), '/login')
      assert.match(sessionCookieLine(out) ?? '', /Max-Age=0/i)
      const replay = await admin.request('/', { headers: { Cookie: `steward-session=${token}` } })
      assert.equal(replay.status, 303)
    })

    it('rotates the session at login: a planted or earlier token is ended, never reused', async () => {
      const admin = fx.admin()
      const client = new EditClient(admin)
      client.cookies.set('steward-session', 'planted-by-someone')
      await logIn(client, 'ada', password)
      const first = client.cookies.get('steward-session')!
      assert.notEqual(first, 'planted-by-someone')
      // Logged in, the login page redirects: post the form again with this page's CSRF token.
      const csrf = readForm((await client.get('/')).html, '/logout').pairs
      await client.post('/login', [...csrf, ['name', 'ada'], ['password', password]])
      const second = client.cookies.get('steward-session')!
      assert.notEqual(second, first)
      assert.equal((await admin.request('/', { headers: { Cookie: `steward-session=${first}` } })).status, 303)
      assert.equal((await admin.request('/', { headers: { Cookie: `steward-session=${second}` } })).status, 200)
    })

    it('rehashes a password hashed with weaker parameters at login', async () => {
      await addAccount(fx.connection.db, fx.store, {
        name: 'old',
        roles: ['viewer'],
        passwordHash: await hashPassword(password, { logN: 10, r: 8, p: 1 }),
      })
      const res = await logIn(new EditClient(fx.admin()), 'old', password)
      assert.equal(res.status, 303)
      assert.match((await findAccount(fx.connection.db, fx.store, 'old'))!.passwordHash, /^scrypt\$ln=15,/)
    })

    it('ends a session after its idle time', async () => {
      const client = new EditClient(
        fx.admin({ accounts: { target: fx.target, idleMinutes: 5, clock: () => fx.clock.now } }),
      )
      await logIn(client, 'ada', password)
      assert.equal((await client.get('/')).status, 200)
      fx.clock.now += 6 * 60_000
      assert.equal((await client.get('/')).status, 303)
    })

    it('a session started on one instance is valid on another over the same database', async () => {
      const client = new EditClient(fx.admin())
      await logIn(client, 'ada', password)
      const token = client.cookies.get('steward-session')!
      const { connect } = await import('../../src/db/connect.js')
      const other = await connect(fx.test.url)
      try {
        const { createAdmin } = await import('../../src/http/create-admin.js')
        const second = createAdmin({
          db: other.db,
          schema: fx.schema,
          checkDrift: false,
          accounts: { target: fx.target, clock: () => fx.clock.now },
        })
        const res = await second.request(`/${s}/notes/`, { headers: { Cookie: `steward-session=${token}` } })
        assert.equal(res.status, 200)
        assert.match(await res.text(), /Logged in as <strong>ada<\/strong>/)
      } finally {
        await other.close()
      }
    })

    it("never shows the account store's own tables (password hashes, sessions) as tables to browse", async () => {
      // A live introspection taken after the store exists sees its tables on Postgres.
      const live = await fx.connection.dialect.introspect(fx.connection.db)
      if (dialect === 'postgres') assert.ok(live.tables.some((table) => table.schema === 'steward'))
      const client = new EditClient(fx.admin({ schema: live }))
      await logIn(client, 'ada', password)
      const home = await client.get('/')
      assert.equal(home.status, 200)
      assert.doesNotMatch(home.html, /\/steward\/(accounts|sessions|login_failures)\//)
      assert.equal((await client.get('/steward/accounts/')).status, 404)
    })

    it('records logins, failed logins and logouts, and names the account as the actor of a write', async () => {
      const admin = fx.admin({ audit: { target: fx.auditTarget } })
      const client = new EditClient(admin)
      await logIn(client, 'ada', 'wrong password')
      await logIn(client, 'ada', password)
      const form = readForm((await client.get(`/${s}/notes/row/1/edit`)).html, '/edit')
      const saved = await client.post(form.action, withValue(form.pairs, 'v:body', 'changed'))
      assert.equal(saved.status, 303)
      const logout = readForm((await client.get('/')).html, '/logout')
      await client.post(logout.action, logout.pairs)
      const table = sql.raw(auditLogTable[dialect])
      const { rows } = await sql<{ actor: string | null; action: string; record_key: string; table_name: string }>`
        select actor, action, record_key, table_name from ${table} order by id`.execute(fx.connection.db)
      assert.deepEqual(
        rows.map((row) => [row.action, row.actor, row.table_name, row.record_key]),
        [
          ['login_failed', null, '', 'ada'],
          ['login', 'ada', '', 'ada'],
          ['update', 'ada', 'notes', '1'],
          ['logout', 'ada', '', 'ada'],
        ],
      )
    })
  })
}
