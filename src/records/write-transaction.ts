import { setTimeout as sleep } from 'node:timers/promises'
import { sql, type Kysely } from 'kysely'
import { sqliteDialect } from '../db/sqlite-dialect.js'
import type { DialectName } from '../introspect/metadata.js'

/** How long a write waits for a lock another connection holds before it fails as "busy". */
export const writeLockWaitMs = 1_000
const retryEveryMs = 25

/**
 * Runs `fn` in one write transaction. On SQLite it begins IMMEDIATE, taking the write lock before the
 * first read, so the row read for a conflict check cannot change before the update (a deferred
 * transaction could also fail to upgrade its lock with SQLITE_BUSY). Postgres locks the rows it reads
 * with `select … for update` (see `lockClause`). Either way a lock held elsewhere is waited for at most
 * `writeLockWaitMs`, then the write fails as "busy" (a 503), instead of holding the request indefinitely.
 * https://www.sqlite.org/lang_transaction.html
 */
export async function withWriteTransaction<T>(
  db: Kysely<any>,
  dialect: DialectName,
  fn: (trx: Kysely<any>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      // https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT (55P03 when it expires)
      await sql`select set_config('lock_timeout', ${String(writeLockWaitMs)}, true)`.execute(trx)
      return fn(trx)
    })
  }
  const deadline = Date.now() + writeLockWaitMs
  for (;;) {
    const attempt = await immediateTransaction(db, fn)
    if (attempt.began) return attempt.result
    if (Date.now() >= deadline) throw attempt.busy
    await sleep(retryEveryMs)
  }
}

type Attempt<T> = { readonly began: true; readonly result: T } | { readonly began: false; readonly busy: unknown }

/**
 * One try at SQLite's write lock without the busy timeout: better-sqlite3 would wait for it on this
 * thread, stalling every request. Refused, the connection is let go and the caller retries a moment
 * later, so other requests run in between.
 */
async function immediateTransaction<T>(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<T>): Promise<Attempt<T>> {
  return db.connection().execute(async (conn): Promise<Attempt<T>> => {
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn)
    await sql`pragma busy_timeout = 0`.execute(conn)
    try {
      await sql`begin immediate`.execute(conn)
    } catch (error) {
      if (sqliteDialect.mapError(error)?.code === 'busy') return { began: false, busy: error }
      throw error
    } finally {
      await sql.raw(`pragma busy_timeout = ${Number(rows[0]?.timeout ?? 0)}`).execute(conn)
    }
    try {
      const result = await fn(conn)
      await sql`commit`.execute(conn)
      return { began: true, result }
    } catch (error) {
      // The error that stopped the write is the one to report. SQLite has already rolled back after some
      // (a full disk, out of memory), and then ROLLBACK fails with "no transaction is active":
      // https://www.sqlite.org/lang_transaction.html#response_to_errors_within_a_transaction
      await sql`rollback`.execute(conn).catch(() => {})
      throw error
    }
  })
}

/** `for update` where the engine has row locks; SQLite's IMMEDIATE transaction already excludes other writers. */
export const lockClause: Readonly<Record<DialectName, ReturnType<typeof sql.raw>>> = {
  postgres: sql.raw(' for update'),
  sqlite: sql.raw(''),
}

/** Thrown inside a write transaction to roll it back with a message for the user (never a driver text). */
export class WriteRefused extends Error {
  override name = 'WriteRefused'
  constructor(
    readonly reason: 'not_found' | 'ambiguous' | 'blocked',
    message: string,
  ) {
    super(message)
  }
}
