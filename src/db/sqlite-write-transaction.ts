import { setTimeout as sleep } from 'node:timers/promises'
import { sql, type Kysely } from 'kysely'

const retryEveryMs = 25

/**
 * Runs `fn` in a transaction begun IMMEDIATE, taking the write lock before the first read, so a row read for
 * a conflict check cannot change before the update (a deferred transaction could also fail to upgrade its
 * lock with SQLITE_BUSY). While another connection holds the lock it is tried again every 25 ms, for at most
 * `lockWaitMs`. https://www.sqlite.org/lang_transaction.html
 */
export async function immediateTransaction<T>(
  db: Kysely<any>,
  lockWaitMs: number,
  fn: (trx: Kysely<any>) => Promise<T>,
  isBusy: (error: unknown) => boolean,
): Promise<T> {
  const deadline = Date.now() + lockWaitMs
  for (;;) {
    const attempt = await tryImmediate(db, fn, isBusy)
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
async function tryImmediate<T>(
  db: Kysely<any>,
  fn: (trx: Kysely<any>) => Promise<T>,
  isBusy: (error: unknown) => boolean,
): Promise<Attempt<T>> {
  return db.connection().execute(async (conn): Promise<Attempt<T>> => {
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn)
    await sql`pragma busy_timeout = 0`.execute(conn)
    try {
      await sql`begin immediate`.execute(conn)
    } catch (error) {
      if (isBusy(error)) return { began: false, busy: error }
      throw error
    } finally {
      await sql.raw(`pragma busy_timeout = ${Number(rows[0]?.timeout ?? 0)}`).execute(conn)
    }
    try {
      const result = await fn(conn)
      await sql`commit`.execute(conn)
      return { began: true, result }
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {})
      throw error
    }
  })
}
