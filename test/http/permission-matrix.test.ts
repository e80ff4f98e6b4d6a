// Every route the admin registers × every role: allowed, hidden (404, as if the table did not exist) or
// forbidden (403). The routes come from the app itself, so a route added without an entry here — and so
// without a decision about the permission it needs — fails this test.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Hono } from 'hono'
import type { Action, Principal } from '../../src/auth/permissions.js'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { createSqliteDb, type TestDb } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

const setup = `
  create table customers (id integer primary key, name text not null);
  create table orders (id integer primary key, customer_id integer references customers, status text not null);
  create table secrets (id integer primary key, note text not null);
  insert into customers values (1, 'Ada');
  insert into orders values (1, 1, 'new');
  insert into secrets values (1, 'hush');
`

/** What each route needs: an action on the `:table` it names, or nothing (pages that name no table). */
const routeActions: Readonly<Record<string, Action | 'public'>> = {
  'GET /': 'public',
  'GET /static/:file': 'public',
  'GET /healthz': 'public',
  'GET /audit': 'public',
  // Reads only the tables the user may view (test/list/search-tables.test.ts).
  'GET /search': 'public',
  'GET /:schema/:table': 'view',
  'GET /:schema/:table/': 'view',
  'GET /:schema/:table/export.csv': 'export',
  'GET /:schema/:table/lookup': 'view',
  'GET /:schema/:table/row/:key': 'view',
  'GET /:schema/:table/row/:key/history': 'view',
  'GET /:schema/:table/new': 'add',
  'POST /:schema/:table/new': 'add',
  'GET /:schema/:table/row/:key/edit': 'change',
  'POST /:schema/:table/row/:key/edit': 'change',
  'GET /:schema/:table/row/:key/delete': 'delete',
  'POST /:schema/:table/row/:key/delete': 'delete',
  'POST /:schema/:table/delete': 'delete',
  // Custom actions need the permission they name: `touch` (below) names `change`.
  'GET /:schema/:table/action/:action': 'change',
  'POST /:schema/:table/action/:action': 'change',
  'GET /:schema/:table/row/:key/action/:action': 'change',
  'POST /:schema/:table/row/:key/action/:action': 'change',
}

/** The one action every table offers (on the selection and on a row), so that the action routes reach their check. */
const actions = { touch: { label: 'Touch', permission: 'change', on: 'both' as const, run: () => 'Touched.' } }

const roles = {
  support: { tables: { orders: ['view', 'change'], customers: ['view'] } },
}
const tables = ['customers', 'orders', 'secrets'] as const
type Expected = 'allowed' | 'hidden' | 'forbidden'

/** What each role may do per table, written out rather than computed, so the test cannot agree with a bug. */
const grants: Readonly<Record<string, Readonly<Record<(typeof tables)[number], readonly Action[]>>>> = {
  admin: {
    customers: ['view', 'add', 'change', 'delete', 'export'],
    orders: ['view', 'add', 'change', 'delete', 'export'],
    secrets: ['view', 'add', 'change', 'delete', 'export'],
  },
  editor: {
    customers: ['view', 'add', 'change', 'delete', 'export'],
    orders: ['view', 'add', 'change', 'delete', 'export'],
    secrets: ['view', 'add', 'change', 'delete', 'export'],
  },
  viewer: { customers: ['view', 'export'], orders: ['view', 'export'], secrets: ['view', 'export'] },
  support: { customers: ['view'], orders: ['view', 'change'], secrets: [] },
  stranger: { customers: [], orders: [], secrets: [] },
}

function expected(role: string, action: Action, table: (typeof tables)[number]): Expected {
  const granted = grants[role]![table]
  if (!granted.includes('view')) return 'hidden'
  return granted.includes(action) ? 'allowed' : 'forbidden'
}

/** Sorts a response into what the permission check decided; anything past the check counts as allowed. */
function outcome(response: { status: number; html: string }): Expected {
  const { html } = response
  if (response.status === 404 && html.includes('There is no table or view')) return 'hidden'
  if (response.status === 403 && html.includes('Your role does not allow')) return 'forbidden'
  return 'allowed'
}

describe('permission matrix: every registered route × role', () => {
  let db: TestDb
  let connection: Connection
  let admin: Hono<any>
  let token: string
  const dir = mkdtempSync(join(tmpdir(), 'steward-matrix-'))
  before(async () => {
    db = await createSqliteDb(setup)
    connection = await connect(db.url)
    const schema = await connection.dialect.introspect(connection.db)
    admin = createAdmin({
      db: connection.db,
      schema,
      checkDrift: false,
      secret: 'test',
      audit: { target: join(dir, 'audit.db') },
      config: { roles, actions },
      identity: (c): Principal | null => {
        const role = c.req.header('x-role')
        return role ? { id: role, name: role, roles: [role] } : null
      },
    })
  })
  after(async () => {
    await connection?.close()
    await db?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  /** A client acting as `role`, carrying a valid CSRF cookie and token so that unsafe routes reach their check. */
  async function as(role: string | null) {
    const client = new EditClient({
      request: (path: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers)
        if (role) headers.set('x-role', role)
        return admin.request(path, { ...init, headers })
      },
    } as unknown as Hono)
    return client
  }

  it('lists every route it registers in the table of required actions', () => {
    const registered = new Set(
      admin.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/\/+$/, '') || '/'}`),
    )
    const known = new Set(Object.keys(routeActions).map((k) => k.replace(/(\S)\/+$/, '$1')))
    for (const route of registered)
      assert.ok(known.has(route), `${route} has no entry: decide which permission it needs`)
  })

  it('gets a CSRF token to post with', async () => {
    const client = await as('admin')
    const page = await client.get('/main/customers/new')
    token = readForm(page.html, '/new').pairs.find(([name]) => name === csrfField)![1] as string
    assert.ok(token)
    asset = /href="\/static\/([^"]+\.css)"/.exec(page.html)![1]!
    cookies = client.cookies
  })
  let cookies: Map<string, string>
  let asset: string

  const cells: string[] = []
  for (const role of Object.keys(grants)) {
    it(`decides every route for the role ${role}`, async () => {
      const client = await as(role)
      for (const [name, value] of cookies) client.cookies.set(name, value)
      const wrong: string[] = []
      for (const [route, action] of Object.entries(routeActions)) {
        const [method, pattern] = route.split(' ') as [string, string]
        for (const table of action === 'public' ? [null] : tables) {
          // A key no row has: the check comes first, and nothing is written whatever the outcome.
          const path = pattern
            .replace(':schema', 'main')
            .replace(':table', table ?? '')
            .replace(':key', '999')
            .replace(':action', 'touch')
            .replace(':file', asset)
          const response =
            method === 'GET'
              ? await client.get(path)
              : await client
                  .post(path, [[csrfField, token]])
                  .then(async (r) => ({ status: r.status, html: await r.text() }))
          const got = outcome(response)
          const want = table === null ? 'allowed' : expected(role, action, table)
          cells.push(`${role} ${route} ${table ?? ''}`)
          if (got !== want) wrong.push(`${method} ${path}: ${got} (status ${response.status}), expected ${want}`)
        }
      }
      assert.deepEqual(wrong, [])
    })
  }

  it('answers 401 to a request whose identity hook names nobody', async () => {
    const client = await as(null)
    for (const path of ['/', '/main/orders/', '/main/orders/row/1'])
      assert.equal((await client.get(path)).status, 401, path)
  })

  it('draws no link or button the role may not use', async () => {
    const viewer = await as('viewer')
    const detail = (await viewer.get('/main/orders/row/1')).html
    assert.doesNotMatch(detail, /href="\/main\/orders\/row\/1\/(edit|delete)"/)
    assert.doesNotMatch(detail, /\/action\/touch/, 'a viewer may not run an action that needs change')
    assert.match(detail, /href="\/main\/customers\/row\/1"/, 'a viewer may follow the foreign key')
    const list = (await viewer.get('/main/orders/')).html
    assert.doesNotMatch(list, /href="\/main\/orders\/new"/)
    assert.match(list, /export\.csv/)

    const support = await as('support')
    const orders = (await support.get('/main/orders/row/1')).html
    assert.match(orders, /href="\/main\/orders\/row\/1\/edit"/)
    assert.doesNotMatch(orders, /href="\/main\/orders\/row\/1\/delete"/)
    assert.match(orders, /action="\/main\/orders\/row\/1\/action\/touch"/)
    assert.match((await support.get('/main/orders/')).html, /formaction="\/main\/orders\/action\/touch"/)
    assert.doesNotMatch((await support.get('/main/customers/')).html, /action\/touch/)
    assert.doesNotMatch((await support.get('/main/orders/')).html, /export\.csv/)
    const index = (await support.get('/')).html
    assert.match(index, /href="\/main\/orders\/"/)
    assert.doesNotMatch(index, /\/main\/secrets\//, 'a table the role may not view is not on the index')

    const stranger = await as('stranger')
    const empty = (await stranger.get('/')).html
    assert.doesNotMatch(empty, /\/main\/(orders|customers|secrets)\//)
  })

  it(`covered ${Object.keys(routeActions).length} routes × ${Object.keys(grants).length} roles`, () => {
    const tableRoutes = Object.values(routeActions).filter((action) => action !== 'public').length
    assert.ok(cells.length >= Object.keys(grants).length * tableRoutes * tables.length)
    console.log(`permission matrix: ${cells.length} (route, role, table) cells`)
  })
})
