import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { sql } from 'kysely'
import {
  accountStoreFor,
  addAccount,
  endSession,
  findAccount,
  listAccounts,
  readSession,
  removeAccount,
  setPassword,
  setUpAccountStore,
  startSession,
  type AccountStore,
} from '../../src/auth/account-store.js'
import { connect, type Connection } from '../../src/db/connect.js'
import { dialects, type TestDb } from '../helpers/test-db.js'

const limits = { idleMs: 60_000, absoluteMs: 600_000 }

for (const { name: dialect, create } of dialects) {
  describe(`account store on ${dialect}`, () => {
    let db: TestDb
    let connection: Connection
    let store: AccountStore
    const dir = mkdtempSync(join(tmpdir(), 'steward-accounts-'))
    before(async () => {
      db = await create('create table customers (id integer primary key, name text)')
      connection = await connect(db.url)
      store = accountStoreFor(dialect, dialect === 'sqlite' ? join(dir, 'steward.db') : 'steward')
      await setUpAccountStore(connection.db, store)
      await setUpAccountStore(connection.db, store)
    })
    after(async () => {
      await connection?.close()
      await db?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    it("keeps accounts out of the user's tables", async () => {
      const introspected = await connection.dialect.introspect(connection.db)
      const own = introspected.tables.filter((t) => t.schema === connection.dialect.defaultSchema)
      assert.deepEqual(
        own.map((t) => t.name),
        ['customers'],
      )
    })

    it('adds, finds, lists and removes accounts', async () => {
      await addAccount(connection.db, store, { name: 'ada', roles: ['admin'], passwordHash: 'h1' })
      await addAccount(connection.db, store, { name: 'bob', roles: ['viewer', 'support'], passwordHash: 'h2' })
      await assert.rejects(addAccount(connection.db, store, { name: 'ada', roles: [], passwordHash: 'x' }))
      assert.deepEqual((await findAccount(connection.db, store, 'bob'))?.roles, ['viewer', 'support'])
      assert.equal(await findAccount(connection.db, store, 'carol'), null)
      assert.deepEqual(
        (await listAccounts(connection.db, store)).map((a) => a.name),
        ['ada', 'bob'],
      )
    })

    it('knows a session until logout, and stores only a digest of its token', async () => {
      const ada = (await findAccount(connection.db, store, 'ada'))!
      const token = await startSession(connection.db, store, ada.id)
      assert.equal((await readSession(connection.db, store, token, limits))?.name, 'ada')
      const { rows } = await sql<{ n: number | bigint }>`select count(*) as n from ${sql.id(store.schema, 'sessions')}
        where token_hash = ${token}`.execute(connection.db)
      assert.equal(Number(rows[0]!.n), 0, 'the token itself is not stored')
      await endSession(connection.db, store, token)
      assert.equal(await readSession(connection.db, store, token, limits), null)
      assert.equal(await readSession(connection.db, store, 'forged', limits), null)
    })

    it('ends a session after the idle and the absolute timeout', async () => {
      const ada = (await findAccount(connection.db, store, 'ada'))!
      const t0 = 1_000_000
      const idle = await startSession(connection.db, store, ada.id, t0)
      assert.ok(await readSession(connection.db, store, idle, limits, t0 + 59_000), 'used within the idle time')
      assert.ok(await readSession(connection.db, store, idle, limits, t0 + 118_000), 'use moved the idle deadline')
      assert.equal(await readSession(connection.db, store, idle, limits, t0 + 180_000), null, 'idle too long')
      const busy = await startSession(connection.db, store, ada.id, t0)
      for (let t = t0; t < t0 + 600_000; t += 50_000)
        assert.ok(await readSession(connection.db, store, busy, limits, t))
      assert.equal(await readSession(connection.db, store, busy, limits, t0 + 601_000), null, 'past the absolute limit')
    })

    it('ends every session of an account when its password changes or it is removed', async () => {
      const bob = (await findAccount(connection.db, store, 'bob'))!
      const token = await startSession(connection.db, store, bob.id)
      assert.equal(await setPassword(connection.db, store, 'bob', 'h3'), true)
      assert.equal(await readSession(connection.db, store, token, limits), null)
      assert.equal((await findAccount(connection.db, store, 'bob'))?.passwordHash, 'h3')
      const again = await startSession(connection.db, store, bob.id)
      assert.equal(await removeAccount(connection.db, store, 'bob'), true)
      assert.equal(await readSession(connection.db, store, again, limits), null)
      assert.equal(await removeAccount(connection.db, store, 'bob'), false)
      assert.equal(await setPassword(connection.db, store, 'bob', 'x'), false)
    })
  })
}
