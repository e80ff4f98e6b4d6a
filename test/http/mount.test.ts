import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Hono } from 'hono'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table authors (id integer primary key, name text not null);
  create table books (id integer primary key, title text not null, author_id integer references authors (id));
  insert into authors values (1, 'Ursula');
  insert into books values (1, 'The Dispossessed', 1);
`

const links = (html: string) =>
  [...html.matchAll(/(?:href|action|src)="([^"#]+)"/g)].map((m) => m[1]!).filter((link) => !link.startsWith('data:'))

for (const { name: dialect } of dialects) {
  describe(`mounting the admin on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))

    it('app.route("/admin", admin) in a default (strict) host app: every link carries the mount path', async () => {
      const host = new Hono()
      host.get('/', (c) => c.text('host home'))
      host.route('/admin', fx.admin())
      for (const path of [
        '/admin',
        '/admin/',
        `/admin/${fx.s}/books/`,
        `/admin/${fx.s}/books`,
        `/admin/${fx.s}/books/row/1`,
      ]) {
        const res = await host.request(path)
        assert.equal(res.status, 200, path)
        const html = await res.text()
        for (const link of links(html)) assert.ok(link.startsWith('/admin/'), `${path}: ${link}`)
      }
      const detail = await (await host.request(`/admin/${fx.s}/books/row/1`)).text()
      assert.ok(detail.includes(`href="/admin/${fx.s}/authors/row/1"`))
      assert.equal(await (await host.request('/')).text(), 'host home')
      assert.equal((await host.request(`/admin/${fx.s}/nope/`)).status, 404)
    })

    it('basePath for a framework that strips the prefix before calling the app', async () => {
      const admin = fx.admin({ basePath: '/panel' })
      const res = await admin.request(`/${fx.s}/books/`)
      assert.equal(res.status, 200)
      const html = await res.text()
      for (const link of links(html)) assert.ok(link.startsWith('/panel/'), link)
      assert.equal((await admin.request('/')).status, 200)
    })

    it('security headers on pages and errors; the stylesheet is fingerprinted and cached for a year', async () => {
      const admin = fx.admin()
      for (const path of ['/', `/${fx.s}/nope/`]) {
        const res = await admin.request(path)
        const csp = res.headers.get('content-security-policy') ?? ''
        assert.match(csp, /script-src 'self'/)
        assert.match(csp, /frame-ancestors 'self'/)
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
        assert.ok(res.headers.get('referrer-policy'))
      }
      const html = await (await admin.request('/')).text()
      assert.ok(!/<script>|<script(?![^>]*src=)[^>]*>/.test(html), 'no inline script')
      assert.ok(!/ style="/.test(html), 'no inline style')
      const css = html.match(/href="(\/static\/steward-[0-9a-f]+\.css)"/)?.[1]
      assert.ok(css, 'the page links a fingerprinted stylesheet (run npm run build:css)')
      const res = await admin.request(css)
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable')
      assert.match(res.headers.get('content-type') ?? '', /text\/css/)
      assert.equal((await admin.request('/static/other.css')).status, 404)
    })

    it('a table changed since the metadata was taken is read-only with a banner', async () => {
      await fx.test.exec('alter table books add column isbn text')
      const admin = fx.admin({ checkDrift: true })
      const html = await (await admin.request(`/${fx.s}/books/`)).text()
      assert.ok(html.includes('has changed in the database since Steward was generated'))
      assert.ok(html.includes('read-only'))
      const other = await (await admin.request(`/${fx.s}/authors/`)).text()
      assert.ok(!other.includes('has changed in the database'))
    })
  })
}
