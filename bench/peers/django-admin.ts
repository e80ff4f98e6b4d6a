import { execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort, ownProcessGroup, stopProcessGroup, waitForServer, type PeerServer } from './local-server.js'

const run = promisify(execFile)

/**
 * Installs what the harness needs (Debian packages, when missing: needs root) and creates Django's own
 * tables and the superuser admin/admin in the harness's auth SQLite file. Running it again changes nothing.
 */
export async function setUpDjango(peers: string): Promise<void> {
  console.error('setting up the Django harness (setup.sh)…')
  await run(join(peers, 'django', 'setup.sh'), [], { maxBuffer: 16 << 20 })
}

/**
 * Django Admin over `shopDb` as the harness serves it: `serve.sh PORT WORKERS` (gunicorn, sync workers),
 * logged in through its real login form by `login-cookie.sh`. gunicorn runs in its own process group so
 * that stopping it stops its workers too.
 */
export async function startDjango(peers: string, shopDb: string, workers: number): Promise<PeerServer> {
  const port = await freePort()
  const env = { ...process.env, SHOP_DB: djangoShopDb(shopDb) }
  const child = ownProcessGroup(
    spawn(join(peers, 'django', 'serve.sh'), [String(port), String(workers)], {
      env,
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  )
  const base = `http://127.0.0.1:${port}`
  try {
    await waitForServer(`${base}/admin/login/`, [200], 30_000)
    const { stdout } = await run(join(peers, 'django', 'login-cookie.sh'), [base], { env })
    const cookie = /^Cookie: (.+)$/m.exec(stdout)?.[1]
    if (!cookie) throw new Error(`login-cookie.sh printed no cookie: ${stdout}`)
    return { base, cookie, group: child.pid, stop: () => stopProcessGroup(child) }
  } catch (error) {
    await stopProcessGroup(child)
    throw error
  }
}

/** The harness reads `sqlite:PATH` or `postgres://…`; Steward's URLs are already in that shape. */
function djangoShopDb(url: string): string {
  return url.replace(/^postgresql:/, 'postgres:')
}
