import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely'
import { answersLastResult } from './postgres-last-result-client.js'

/** The settings a Steward transaction sets for itself: https://www.postgresql.org/docs/current/runtime-config-client.html */
type TimeoutSetting = 'statement_timeout' | 'lock_timeout'

/** `select set_config(…, true)` with the value as a literal: a whole number of milliseconds, no bound parameter. */
function setLocal(setting: TimeoutSetting, ms: number): string {
  return `select set_config('${setting}', '${Math.max(1, Math.round(ms))}', true)`
}

/**
 * Runs `fn` in a transaction with `setting` set for it alone (SET LOCAL: a pooled connection, or PgBouncer's
 * server connection, is handed back as it was). `begin` and the setting go in one simple-protocol message, one
 * round trip instead of two; the transaction `begin` opens lasts past that message until `commit`.
 */
export async function settingTransaction<T>(
  db: Kysely<any>,
  setting: TimeoutSetting,
  ms: number,
  fn: (trx: Kysely<any>) => Promise<T>,
): Promise<T> {
  refuseNested(db)
  return db.connection().execute(async (conn) => {
    let begun = false
    inTransaction.add(conn)
    try {
      // Should the setting fail after `begin` did, the transaction is open: rolled back below, like any other.
      // (A `rollback` without a transaction is only a warning.)
      begun = true
      await sql.raw(`begin; ${setLocal(setting, ms)}`).execute(conn)
      const result = await fn(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (error) {
      // As Kysely's own transaction: a failed rollback (a lost connection) is the error to report.
      if (begun) await sql`rollback`.execute(conn)
      throw error
    } finally {
      inTransaction.delete(conn)
    }
  })
}

/** Handles whose transaction is running a function: a transaction begun on one would end it early. */
const inTransaction = new WeakSet<Kysely<any>>()

/** A read session's handle: whether its transaction is open, and under which timeout. */
interface Session {
  open: boolean
  ms: number
}

const sessions = new WeakMap<Kysely<any>, Session>()

function refuseNested(db: Kysely<any>): void {
  // Kysely refuses a transaction inside a transaction the same way.
  if (inTransaction.has(db))
    throw new Error('steward: a timed read was started inside another, or beside it in the same read session')
}

/** See `Dialect.readSession`. Its reads run one at a time, as a page's reads do. */
export async function readSession<T>(db: Kysely<any>, fn: (reads: Kysely<any>) => Promise<T>): Promise<T> {
  if (sessions.has(db)) return fn(db)
  refuseNested(db)
  return db.connection().execute(async (conn) => {
    const session: Session = { open: false, ms: 0 }
    sessions.set(conn, session)
    try {
      const result = await fn(conn)
      if (session.open) await sql`commit`.execute(conn)
      return result
    } catch (error) {
      if (session.open) await sql`rollback`.execute(conn)
      throw error
    } finally {
      session.open = false
      sessions.delete(conn)
    }
  })
}

/** `settingTransaction` for the statement timeout, or, on a read session's handle, a read in the session's transaction. */
export async function timedTransaction<T>(
  db: Kysely<any>,
  ms: number,
  fn: (trx: Kysely<any>) => Promise<T>,
): Promise<T> {
  const session = sessions.get(db)
  if (!session) return settingTransaction(db, 'statement_timeout', ms, fn)
  refuseNested(db)
  inTransaction.add(db)
  try {
    if (!session.open) {
      session.open = true
      session.ms = ms
      await sql.raw(`begin; ${setLocal('statement_timeout', ms)}`).execute(db)
    } else if (session.ms !== ms) {
      await sql.raw(setLocal('statement_timeout', ms)).execute(db)
      session.ms = ms
    }
    return await fn(db)
  } catch (error) {
    // A failed statement aborts the whole transaction: it ends here, and the next read begins a new one.
    if (session.open) {
      session.open = false
      await sql`rollback`.execute(db)
    }
    throw error
  } finally {
    inTransaction.delete(db)
  }
}

/**
 * Runs one read statement under a statement timeout. Without bound parameters it follows the `set_config` in the
 * same simple-protocol message: one round trip, in the implicit transaction of that message, which the setting
 * does not outlive. The simple protocol cannot bind parameters, so a statement with some runs in
 * `settingTransaction` instead (three round trips), and so does any statement on a handle that `connect` did not open
 * (see `answersLastResult`); on a read session's handle it runs in the session's transaction.
 */
export async function timedStatement<R>(db: Kysely<any>, ms: number, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db)
  if (compiled.parameters.length > 0 || sessions.has(db) || inTransaction.has(db) || !answersLastResult.has(db))
    return timedTransaction(db, ms, (trx) => trx.executeQuery(compiled))
  return sql.raw<R>(`${setLocal('statement_timeout', ms)}; ${compiled.sql}`).execute(db)
}
