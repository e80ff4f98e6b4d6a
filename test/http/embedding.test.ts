// Embedding as a host application does: its own auth middleware puts the user in its Hono env, and the
// identity hook reads it back — typed, because createAdmin is generic over the host's env.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Hono } from 'hono'
import { connect, type Connection } from '../../src/db/connect.js'
import type { Identity } from '../../src/http/admin-context.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { createSqliteDb, type TestDb } from '../helpers/test-db.js'

type User = { readonly id: string; readonly email: string; readonly role: 'editor' | 'viewer' }
type HostEnv = { Variables: { user: User | null } }

// The host's env types the hook's context: a property its user does not have is a compile error (npm run typecheck).
// @ts-expect-error nickname is not a property of User
export const typedHook: Identity<HostEnv> = (c) => (c.get('user')?.nickname ? null : null)

const users: Readonly<Record<string, User>> = {
  'token-ed': { id: '1', email: 'ed@example.com', role: 'editor' },
  'token-vi': { id: '2', email: 'vi@example.com', role: 'viewer' },
}

describe('embedding with the host application’s own auth', () => {
  let db: TestDb
  let connection: Connection
  let app: Hono<HostEnv>
  before(async () => {
    db = await createSqliteDb(`create table notes (id integer primary key, body text not null);
      insert into notes values (1, 'first');`)
    connection = await connect(db.url)
    const schema = await connection.dialect.introspect(connection.db)
    const admin = createAdmin<HostEnv>({
      db: connection.db,
      schema,
      checkDrift: false,
      identity: (c) => {
        const user = c.get('user')
        return user ? { id: user.id, name: user.email, roles: [user.role] } : null
      },
    })
    app = new Hono<HostEnv>()
    app.use('*', async (c, next) => {
      c.set('user', users[c.req.header('authorization')?.replace(/^Bearer /, '') ?? ''] ?? null)
      await next()
    })
    app.route('/admin', admin)
  })
  after(async () => {
    await connection?.close()
    await db?.drop()
  })

  const get = (path: string, token?: string) =>
    app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {})

  it('lets the editor edit, shows the viewer no edit link and refuses its edit form', async () => {
    assert.equal((await get('/admin/main/notes/row/1/edit', 'token-ed')).status, 200)
    const detail = await get('/admin/main/notes/row/1', 'token-vi')
    assert.equal(detail.status, 200)
    assert.doesNotMatch(await detail.text(), /\/admin\/main\/notes\/row\/1\/edit/)
    assert.equal((await get('/admin/main/notes/row/1/edit', 'token-vi')).status, 403)
  })

  it('answers 401 when the host says nobody is signed in', async () => {
    const page = await get('/admin/')
    assert.equal(page.status, 401)
    assert.match(await page.text(), /Not signed in/)
  })
})
