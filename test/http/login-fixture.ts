import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { accountStoreFor, addAccount, setUpAccountStore, type AccountStore } from '../../src/auth/account-store.js'
import { hashPassword } from '../../src/auth/password.js'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin, type AdminOptions } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import type { TestDb } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'

export const password = 'correct horse battery'

/** A database with one table, an account store holding `ada` (admin), and a clock tests can move. */
export interface LoginFixture {
  readonly test: TestDb
  readonly connection: Connection
  readonly schema: SchemaMetadata
  readonly store: AccountStore
  /** Where the store is: a schema on Postgres, a file on SQLite. */
  readonly target: string
  /** Audit target: a table on Postgres, a file on SQLite. */
  readonly auditTarget: string
  readonly clock: { now: number }
  admin(options?: Partial<AdminOptions>): Hono<any>
  close(): Promise<void>
}

export async function createLoginFixture(test: TestDb): Promise<LoginFixture> {
  await test.exec(`create table notes (id integer primary key, body text); insert into notes values (1, 'hello');`)
  const dir = mkdtempSync(join(tmpdir(), 'steward-login-'))
  const connection = await connect(test.url)
  const schema = await connection.dialect.introspect(connection.db)
  const sqlite = test.dialect === 'sqlite'
  const target = sqlite ? join(dir, 'accounts.db') : 'steward'
  const store = accountStoreFor(test.dialect, target)
  await setUpAccountStore(connection.db, store)
  await addAccount(connection.db, store, { name: 'ada', roles: ['admin'], passwordHash: await hashPassword(password) })
  const clock = { now: Date.UTC(2026, 0, 1) }
  const auditTarget = sqlite ? join(dir, 'audit.db') : 'steward.audit_log'
  return {
    test,
    connection,
    schema,
    store,
    target,
    auditTarget,
    clock,
    admin: (options = {}) =>
      createAdmin({
        db: connection.db,
        schema,
        checkDrift: false,
        secret: 'test secret',
        accounts: { target, clock: () => clock.now },
        ...options,
      }),
    async close() {
      await connection.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Opens the login page (as a first-time visitor would) and posts the form; returns the post's response. */
export async function logIn(
  client: EditClient,
  name: string,
  secret: string,
  options: { next?: string; mount?: string; origin?: string } = {},
): Promise<Response> {
  const origin = options.origin ?? ''
  const query = options.next ? `?next=${encodeURIComponent(options.next)}` : ''
  const page = await client.get(`${origin}${options.mount ?? ''}/login${query}`)
  const form = readForm(page.html, '/login')
  const pairs = form.pairs.filter(([key]) => key !== 'name' && key !== 'password')
  return client.post(`${origin}${form.action}`, [...pairs, ['name', name], ['password', secret]])
}
