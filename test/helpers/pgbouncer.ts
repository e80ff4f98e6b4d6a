import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './pg-server.js'

/** Debian's PgBouncer (package pgbouncer; `npm test` installs it when run as root). */
export const pgBouncerPath = '/usr/sbin/pgbouncer'

export interface PgBouncer {
  /** A URL through the pooler to `database` on the upstream server, as `user`. */
  url(user: string, password: string, database: string): string
  stop(): Promise<void>
}

export interface PgBouncerOptions {
  /** `transaction`: a server connection is a client's only for one transaction, then serves the next client. */
  readonly poolMode: 'session' | 'transaction'
  /** Server connections per database and user: 1 makes every client share one. */
  readonly poolSize: number
  readonly users: readonly { readonly name: string; readonly password: string }[]
}

/** PgBouncer in front of the Postgres server at `upstream` (a URL), on a free loopback port, until `stop()`. */
export async function startPgBouncer(upstream: string, options: PgBouncerOptions): Promise<PgBouncer> {
  if (!existsSync(pgBouncerPath))
    throw new Error(`PgBouncer is not installed: apt-get install pgbouncer (${pgBouncerPath})`)
  const server = new URL(upstream)
  const dir = mkdtempSync(join(tmpdir(), 'steward-pgbouncer-'))
  chmodSync(dir, 0o755) // run as root, it switches to the postgres user, which must read its files
  const port = await freePort()
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`
  writeFileSync(join(dir, 'users.txt'), options.users.map((u) => `${quote(u.name)} ${quote(u.password)}\n`).join(''))
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = plain',
      `auth_file = ${join(dir, 'users.txt')}`,
      `pool_mode = ${options.poolMode}`,
      `default_pool_size = ${options.poolSize}`,
      'max_client_conn = 200',
      '',
    ].join('\n'),
  )
  for (const file of ['users.txt', 'pgbouncer.ini']) chmodSync(join(dir, file), 0o644)
  const asRoot = process.getuid?.() === 0
  const child: ChildProcess = spawn(
    pgBouncerPath,
    [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let log = ''
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk
      if (log.includes('process up')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`pgbouncer exited with ${code}: ${log}`)))
  })
  return {
    url: (user, password, database) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT')
        await once(child, 'exit')
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
