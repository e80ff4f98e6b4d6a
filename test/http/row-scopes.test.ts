// A table with a row scope (EU shops only, unless the user is an admin), read through every route that shows,
// counts, labels, offers, exports or writes its rows: one table of requests and what each user gets.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { Hono } from 'hono'
import { sql } from 'kysely'
import type { Principal } from '../../src/auth/permissions.js'
import { csrfField } from '../../src/http/middleware/csrf.js'
import type { RowScope } from '../../src/resources/behaviour.js'
import type { Logger } from '../../src/logger.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'

const setup = `
  create table regions (code text primary key, name text not null);
  create table shops (id integer primary key, name text not null, region text not null references regions (code));
  create table orders (id integer primary key, shop_id integer not null references shops (id), item text not null);
  insert into regions values ('EU', 'Europe'), ('US', 'United States'), ('AS', 'Asia'), ('AF', 'Africa');
  insert into shops values (1, 'Paris Shop', 'EU'), (2, 'Boston Shop', 'US'), (3, 'Berlin Shop', 'EU');
  insert into orders values (10, 1, 'pen'), (20, 2, 'ink'), (30, 3, 'pad'), (40, 1, 'cap'), (50, 3, 'nib');`

const users: Readonly<Record<string, Principal>> = {
  admin: { id: 'u-admin', name: 'Ada', roles: ['admin'] },
  clerk: { id: 'u-clerk', name: 'Cleo', roles: ['editor'] },
  broken: { id: 'u-broken', name: 'Bob', roles: ['editor'] },
}

/** Who each call of the scope saw, to show that it gets the request's user. */
const seen: (Principal | null)[] = []
const shopScope: RowScope = (qb, { user }) => {
  seen.push(user)
  if (user?.id === 'u-broken') throw new Error('this user has no region')
  return user?.roles.includes('admin') ? qb : qb.where('region', '=', 'EU')
}

type Who = 'admin' | 'clerk'
interface Expect {
  readonly status: number
  readonly has?: readonly string[]
  readonly lacks?: readonly string[]
}
interface Case {
  readonly what: string
  readonly path: string
  /** Form fields for a POST (the CSRF token is added); a GET without. */
  readonly post?: readonly (readonly [string, string])[]
  /** Per user; a user left out does not run the case (a write that would change the data for the others). */
  readonly expect: Partial<Record<Who, Expect>>
}

const boston = 'Boston Shop'
const cases = (s: string): readonly Case[] => [
  {
    what: 'list rows',
    path: `/${s}/shops/?size=25`,
    expect: {
      admin: { status: 200, has: ['Paris Shop', boston, 'Berlin Shop'] },
      clerk: { status: 200, has: ['Paris Shop', 'Berlin Shop'], lacks: [boston] },
    },
  },
  {
    what: 'list count (counted: a page of one row cannot tell)',
    path: `/${s}/shops/`,
    expect: { admin: { status: 200, has: ['of 3 rows'] }, clerk: { status: 200, has: ['of 2 rows'] } },
  },
  {
    // 4 regions and 5 orders: the only 3 or 2 on the page is the shops' count.
    what: 'index count',
    path: `/`,
    expect: { admin: { status: 200, has: ['>3<'] }, clerk: { status: 200, has: ['>2<'] } },
  },
  {
    what: 'detail of a row outside the scope',
    path: `/${s}/shops/row/2`,
    expect: { admin: { status: 200, has: [boston] }, clerk: { status: 404, lacks: [boston] } },
  },
  {
    what: 'history of a row outside the scope',
    path: `/${s}/shops/row/2/history`,
    expect: { admin: { status: 200 }, clerk: { status: 404 } },
  },
  {
    what: 'edit form of a row outside the scope',
    path: `/${s}/shops/row/2/edit`,
    expect: { admin: { status: 200, has: [boston] }, clerk: { status: 404, lacks: [boston] } },
  },
  {
    what: 'delete preview of a row outside the scope',
    path: `/${s}/shops/row/2/delete`,
    expect: { admin: { status: 200 }, clerk: { status: 404, lacks: [boston] } },
  },
  {
    what: 'export',
    path: `/${s}/shops/export.csv`,
    expect: {
      admin: { status: 200, has: ['Paris Shop', boston] },
      clerk: { status: 200, has: ['Paris Shop', 'Berlin Shop'], lacks: [boston] },
    },
  },
  {
    what: 'foreign-key picker lookup',
    path: `/${s}/shops/lookup?column=id&q=Shop`,
    expect: {
      admin: { status: 200, has: ['Paris Shop', boston] },
      clerk: { status: 200, has: ['Paris Shop'], lacks: [boston] },
    },
  },
  {
    // The admin's visit comes first: filter choices cached for them would show here for the clerk.
    what: 'foreign-key labels and filter choices on another table',
    path: `/${s}/orders/`,
    expect: {
      admin: { status: 200, has: [boston, 'ink'] },
      clerk: { status: 200, has: ['Paris Shop', 'ink'], lacks: [boston] },
    },
  },
  {
    what: 'the label of a foreign key filtered on',
    path: `/${s}/orders/?f.shop_id=2`,
    expect: { admin: { status: 200, has: [boston] }, clerk: { status: 200, lacks: [boston] } },
  },
  {
    what: 'foreign-key label on a detail page and on an edit form',
    path: `/${s}/orders/row/20/edit`,
    expect: { admin: { status: 200, has: [boston] }, clerk: { status: 200, lacks: [boston] } },
  },
  {
    what: 'related panel of a row the scoped table points at',
    path: `/${s}/regions/row/US`,
    expect: { admin: { status: 200, has: [boston] }, clerk: { status: 200, lacks: [boston] } },
  },
  {
    what: 'saving a row outside the scope',
    path: `/${s}/shops/row/2/edit`,
    post: [
      ['name', 'Hacked'],
      ['region', 'US'],
    ],
    expect: { clerk: { status: 404 } },
  },
  {
    what: 'deleting a row outside the scope',
    path: `/${s}/shops/row/2/delete`,
    post: [],
    expect: { clerk: { status: 404 } },
  },
  {
    what: 'bulk-deleting a row outside the scope',
    path: `/${s}/shops/delete`,
    post: [
      ['key', '2'],
      ['confirm', '1'],
    ],
    expect: { clerk: { status: 303 } },
  },
]

function collecting(): Logger & { readonly lines: string[] } {
  const lines: string[] = []
  const add =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      void lines.push(`${level} ${message} ${rest.map(String).join(' ')}`)
  return { lines, info: add('info'), warn: add('warn'), error: add('error') }
}

for (const { name: dialect } of dialects) {
  describe(`row scopes over HTTP on ${dialect}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-scopes-'))
    after(() => rmSync(dir, { recursive: true, force: true }))
    const fx = suiteFixture(() => openAdminDb(dialect, setup))
    const logger = collecting()
    let app: Hono<any>
    const client = (who: string) =>
      new EditClient({
        request: (path: string, init: RequestInit = {}) => {
          const headers = new Headers(init.headers)
          headers.set('x-user', who)
          app ??= fx.admin({
            secret: 'test',
            logger,
            audit: { target: dialect === 'sqlite' ? join(dir, 'audit.db') : 'steward_scopes.audit_log' },
            config: { tables: { shops: { scope: shopScope, pageSize: 1 }, orders: { filters: ['shop_id'] } } },
            identity: (c) => users[c.req.header('x-user') ?? ''] ?? null,
          })
          return app.request(path, { ...init, headers })
        },
      } as unknown as Hono)

    for (const who of ['admin', 'clerk'] as const) {
      it(`shows ${who} only the rows of the scope, on every route`, async () => {
        const browser = client(who)
        const form = readForm((await browser.get(`/${fx.s}/shops/row/1/edit`)).html, '/edit')
        const token = form.pairs.find(([name]) => name === csrfField)![1]
        const wrong: string[] = []
        for (const { what, path, post, expect } of cases(fx.s)) {
          const want = expect[who]
          if (!want) continue
          const response = post
            ? await browser
                .post(path, [[csrfField, token], ...post])
                .then(async (r) => ({ status: r.status, html: await r.text() }))
            : await browser.get(path)
          const problems = [
            ...(response.status === want.status ? [] : [`status ${response.status}, expected ${want.status}`]),
            ...(want.has ?? []).filter((text) => !response.html.includes(text)).map((text) => `lacks "${text}"`),
            ...(want.lacks ?? []).filter((text) => response.html.includes(text)).map((text) => `shows "${text}"`),
          ]
          if (problems.length > 0) wrong.push(`${what} (${path}): ${problems.join(', ')}`)
        }
        assert.deepEqual(wrong, [])
      })
    }

    it('wrote nothing to the row outside the scope', async () => {
      const { rows } = await sql<{ name: string; region: string }>`select name, region from shops where id = 2`.execute(
        fx.connection.db,
      )
      assert.deepEqual(rows, [{ name: boston, region: 'US' }])
    })

    it('gives the scope the user of the request', async () => {
      seen.length = 0
      await client('clerk').get(`/${fx.s}/shops/`)
      assert.ok(seen.length > 0)
      assert.ok(seen.every((user) => user?.id === 'u-clerk'))
    })

    it('answers a scope that throws with a page saying so, and logs why', async () => {
      const { status, html } = await client('broken').get(`/${fx.s}/shops/`)
      assert.equal(status, 403)
      assert.match(html, /Rows not available/)
      assert.doesNotMatch(html, /this user has no region/)
      assert.ok(logger.lines.some((line) => line.includes('this user has no region')))
      const index = await client('broken').get('/')
      assert.equal(index.status, 200, 'the index still shows, the table counted as unknown')
    })
  })
}
