import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { raw } from 'hono/html'
import type { Kysely } from 'kysely'
import { customPageProblems } from '../../src/resources/custom-pages.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `create table notes (id integer primary key, body text); insert into notes values (1, 'a'), (2, 'b');`

const config: StewardConfigInput = {
  pages: [
    {
      path: '/reports/daily',
      title: 'Daily report',
      render: async ({ db, user, url }: { db: Kysely<any>; user: { name: string } | null; url: URL }) => {
        const { n } = await db
          .selectFrom('notes')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
        return (
          <section>
            <p id="report">
              {String(Number(n))} notes for {user?.name ?? 'nobody'}, day {url.searchParams.get('day') ?? '-'}
            </p>
          </section>
        )
      },
    },
    { path: '/text', title: 'Text page', render: () => '<b>not bold</b>' },
    { path: '/raw', title: 'Raw page', render: async () => raw('<b id="bold">bold</b>') },
    {
      path: '/boom',
      title: 'Broken page',
      render: () => {
        throw new Error('secret detail')
      },
    },
    { path: '/odd', title: 'Odd page', render: () => ({ not: 'drawable' }) },
  ],
}

for (const { name: dialect } of dialects) {
  describe(`custom pages on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const logged: string[] = []
    const app = () =>
      fx.admin({
        config,
        secret: 'test',
        identity: (c) =>
          c.req.header('x-user') ? { id: '1', name: c.req.header('x-user')!, roles: ['viewer'] } : null,
        logger: { info: () => {}, warn: () => {}, error: (message: string) => logged.push(message) },
      })
    const get = async (path: string, user: string | null = 'ada') => {
      const response = await app().request(path, user ? { headers: { 'x-user': user } } : {})
      return { status: response.status, html: await response.text() }
    }

    it('draws a JSX page inside the layout with the database, the user and the URL', async () => {
      const { status, html } = await get('/_pages/reports/daily?day=3')
      assert.equal(status, 200)
      assert.match(html, /<p id="report">2 notes for ada, day 3<\/p>/)
      assert.match(html, /<h1[^>]*>Daily report<\/h1>/)
      assert.match(html, /<nav[^>]*aria-label="Breadcrumb"[\s\S]*Home[\s\S]*Daily report/)
      assert.match(html, /<a href="\/_pages\/reports\/daily" aria-current="page"/)
      assert.match(html, /<a href="\/_pages\/text"/)
    })

    it('links every page from the navigation of the other pages', async () => {
      const { html } = await get(`/${fx.s}/notes/`)
      for (const path of ['/_pages/reports/daily', '/_pages/text', '/_pages/raw'])
        assert.match(html, new RegExp(`<a href="${path}"`))
    })

    it('escapes a plain string and keeps a raw() one as HTML', async () => {
      assert.match((await get('/_pages/text')).html, /&lt;b&gt;not bold&lt;\/b&gt;/)
      assert.match((await get('/_pages/raw')).html, /<b id="bold">bold<\/b>/)
    })

    it('turns a thrown error or an undrawable value into the error page, and logs it', async () => {
      logged.length = 0
      for (const path of ['/_pages/boom', '/_pages/odd']) {
        const { status, html } = await get(path)
        assert.equal(status, 500, path)
        assert.match(html, /could not be drawn/)
        assert.doesNotMatch(html, /secret detail/)
      }
      assert.equal(logged.length, 2)
      assert.match(logged[0]!, /custom page \/boom/)
    })

    it('needs a login, and an unknown page is a 404', async () => {
      assert.equal((await get('/_pages/reports/daily', null)).status, 401)
      assert.equal((await get('/_pages/nope')).status, 404)
    })

    it('refuses pages at start-up when a schema named _pages would share their URLs', () => {
      const table = fx.schema.tables[0]!
      const clash = { ...fx.schema, tables: [{ ...table, schema: '_pages' }] }
      assert.deepEqual(customPageProblems(config.pages as never, fx.schema), [])
      assert.match(customPageProblems(config.pages as never, clash).join(), /schema "_pages"/)
    })
  })
}
