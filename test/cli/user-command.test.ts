import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { accountStoreFor, findAccount, setUpAccountStore } from '../../src/auth/account-store.js'
import { verifyPassword } from '../../src/auth/password.js'
import { connect } from '../../src/db/connect.js'
import { createSqliteDb, dialects, type TestDb } from '../helpers/test-db.js'

const bin = fileURLToPath(new URL('../../bin/steward.js', import.meta.url))

/** Runs the CLI as a person or a script would, with `stdin` piped in (so no terminal: no prompt). */
async function steward(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  child.stdin.end(stdin)
  const [code] = (await once(child, 'exit')) as [number]
  return { code, stdout, stderr }
}

for (const { name: dialect, create } of dialects) {
  describe(`steward user on ${dialect}`, () => {
    let db: TestDb
    before(async () => {
      db = await create('create table notes (id integer primary key)')
    })
    after(async () => {
      await db.drop()
    })
    const hashOf = async (name: string) => {
      const connection = await connect(db.url)
      try {
        const target =
          dialect === 'sqlite' ? join(dirname(db.url.replace(/^sqlite:/, '')), 'steward-accounts.db') : 'steward'
        const store = accountStoreFor(dialect, target)
        await setUpAccountStore(connection.db, store)
        return (await findAccount(connection.db, store, name))?.passwordHash
      } finally {
        await connection.close()
      }
    }

    it('adds, lists, changes the password of and removes an account, the password read from stdin', async () => {
      const added = await steward(
        ['user', 'add', 'ada', '--role', 'admin', '--role', 'viewer', '--db', db.url],
        'first secret\n',
      )
      assert.equal(added.code, 0, added.stderr)
      assert.match(added.stdout, /Added ada \(admin, viewer\)\./)
      assert.ok(await verifyPassword('first secret', (await hashOf('ada'))!))
      if (dialect === 'sqlite')
        assert.ok(
          existsSync(join(dirname(db.url.replace(/^sqlite:/, '')), 'steward-accounts.db')),
          'beside the database',
        )
      const again = await steward(['user', 'add', 'ada', '--role', 'admin', '--db', db.url], 'whatever123\n')
      assert.equal(again.code, 2)
      assert.match(again.stderr, /already an account "ada"/)

      await steward(['user', 'add', 'bob', '--role', 'editor', '--db', db.url], 'bob password\n')
      const list = await steward(['user', 'list', '--db', db.url])
      assert.equal(list.code, 0)
      assert.deepEqual(list.stdout.trim().split('\n'), ['ada   admin, viewer', 'bob   editor'])

      const passwd = await steward(['user', 'passwd', 'ada', '--db', db.url], 'second secret\n')
      assert.equal(passwd.code, 0, passwd.stderr)
      assert.ok(await verifyPassword('second secret', (await hashOf('ada'))!))

      const removed = await steward(['user', 'remove', 'bob', '--db', db.url])
      assert.equal(removed.code, 0)
      assert.equal(await hashOf('bob'), undefined)
      const missing = await steward(['user', 'remove', 'bob', '--db', db.url])
      assert.equal(missing.code, 1)
      assert.match(missing.stderr, /no account "bob"/)
    })

    it('refuses short or empty passwords and unknown roles, changing nothing', async () => {
      const short = await steward(['user', 'add', 'cy', '--role', 'viewer', '--db', db.url], 'short\n')
      assert.equal(short.code, 2)
      assert.match(short.stderr, /shorter than 8 characters; nothing was changed/)
      const empty = await steward(['user', 'add', 'cy', '--role', 'viewer', '--db', db.url], '')
      assert.match(empty.stderr, /the password is empty/)
      const role = await steward(['user', 'add', 'cy', '--role', 'superuser', '--db', db.url], 'long enough\n')
      assert.equal(role.code, 2)
      assert.match(role.stderr, /unknown role "superuser"/)
      const none = await steward(['user', 'add', 'cy', '--db', db.url], 'long enough\n')
      assert.match(none.stderr, /give the account a role/)
      assert.equal(await hashOf('cy'), undefined)
    })
  })
}

describe('steward serve and accounts', () => {
  let db: TestDb
  before(async () => {
    db = await createSqliteDb('create table notes (id integer primary key)')
  })
  after(async () => {
    await db.drop()
  })

  it('with no account, says how to add one and exits 1', async () => {
    const result = await steward(['serve', '--db', db.url, '--port', '0', '--generated', '/nonexistent'])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /nobody can log in yet/)
    assert.match(result.stderr, /steward user add admin --role admin --db sqlite:/)
    assert.match(result.stderr, /--no-auth/)
  })

  it('refuses --no-auth on an address other machines can reach', async () => {
    const result = await steward(['serve', '--db', db.url, '--no-auth', '--host', '0.0.0.0'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /--no-auth serves without login, so only on this machine/)
  })
})
