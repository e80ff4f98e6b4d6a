import { spawn } from 'node:child_process'
import { accountStoreFor, addAccount, removeAccount, setUpAccountStore } from '../../src/auth/account-store.js'
import { hashPassword } from '../../src/auth/password.js'
import { connect } from '../../src/db/connect.js'
import { httpFetch } from '../load.js'
import { freePort, ownProcessGroup, stopProcessGroup, waitForServer, type PeerServer } from './local-server.js'

const password = 'bench-only-password'

/**
 * `steward serve` over `url` in its own process, as a user runs it, logged in through its login form like
 * the Django harness is: accounts and sessions in `accounts` (a file on SQLite, a schema on Postgres),
 * so each request pays a session read there as Django's pays its own.
 */
export async function startSteward(url: string, accounts: string, secret: string): Promise<PeerServer> {
  const conn = await connect(url)
  const store = accountStoreFor(conn.dialect.name, accounts)
  await setUpAccountStore(conn.db, store)
  await removeAccount(conn.db, store, 'bench')
  await addAccount(conn.db, store, { name: 'bench', roles: ['admin'], passwordHash: await hashPassword(password) })
  await conn.close()

  const port = await freePort()
  const child = ownProcessGroup(
    spawn(
      process.execPath,
      [
        'bin/steward.js',
        'serve',
        '--db',
        url,
        '--port',
        String(port),
        '--generated',
        '/nonexistent',
        '--accounts',
        accounts,
      ],
      { detached: true, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, STEWARD_SECRET: secret } },
    ),
  )
  const base = `http://127.0.0.1:${port}`
  try {
    await waitForServer(`${base}/login`, [200], 60_000)
    return { base, cookie: await logIn(base), group: child.pid, stop: () => stopProcessGroup(child) }
  } catch (error) {
    await stopProcessGroup(child)
    throw error
  }
}

async function logIn(base: string): Promise<string> {
  const form = await httpFetch(`${base}/login`)
  const csrfCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
  if (!token) throw new Error('the Steward login form has no CSRF token')
  const posted = await httpFetch(`${base}/login`, {
    method: 'POST',
    headers: { cookie: csrfCookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, name: 'bench', password }).toString(),
  })
  const session = (posted.headers.get('set-cookie') ?? '')
    .split(/,(?=\s*steward)/)
    .find((c) => c.includes('steward-session'))
  if (posted.status !== 303 || !session) throw new Error(`the Steward login failed: HTTP ${posted.status}`)
  return `${csrfCookie}; ${session.split(';')[0]!.trim()}`
}
