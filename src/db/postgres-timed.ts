import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely'

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
  return db.connection().execute(async (conn) => {
    let begun = false
    try {
      await sql.raw(`begin; ${setLocal(setting, ms)}`).execute(conn)
      begun = true
      const result = await fn(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (error) {
      // As Kysely's own transaction: a failed rollback (a lost connection) is the error to report.
      if (begun) await sql`rollback`.execute(conn)
      throw error
    }
  })
}

/** A read session's connection: whether its transaction is open, under which timeout, and the read in progress. */
interface Session {
  open: boolean
  ms: number
  turn: Promise<unknown>
}

const sessions = new WeakMap<Kysely<any>, Session>()

/** See `Dialect.readSession`. */
export async function readSession<T>(db: Kysely<any>, fn: (reads: Kysely<any>) => Promise<T>): Promise<T> {
  if (sessions.has(db)) return fn(db)
  return db.connection().execute(async (conn) => {
    const session: Session = { open: false, ms: 0, turn: Promise.resolve() }
    sessions.set(conn, session)
    try {
      const result = await fn(conn)
      await session.turn.catch(() => {})
      if (session.open) await sql`commit`.execute(conn)
      return result
    } catch (error) {
      await session.turn.catch(() => {})
      if (session.open) await sql`rollback`.execute(conn)
      throw error
    } finally {
      session.open = false
      sessions.delete(conn)
    }
  })
}

/** `settingTransaction` for the statement timeout, or, on a read session's handle, a read in its transaction. */
export function timedTransaction<T>(db: Kysely<any>, ms: number, fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  const session = sessions.get(db)
  if (!session) return settingTransaction(db, 'statement_timeout', ms, fn)
  // One read at a time: a read that fails ends the transaction the next one would otherwise have run in.
  const read = session.turn.catch(() => {}).then(() => readInSession(db, session, ms, fn))
  session.turn = read
  return read
}

async function readInSession<T>(
  db: Kysely<any>,
  session: Session,
  ms: number,
  fn: (trx: Kysely<any>) => Promise<T>,
): Promise<T> {
  if (!session.open) {
    await sql.raw(`begin; ${setLocal('statement_timeout', ms)}`).execute(db)
    session.open = true
    session.ms = ms
  } else if (session.ms !== ms) {
    await sql.raw(setLocal('statement_timeout', ms)).execute(db)
    session.ms = ms
  }
  try {
    return await fn(db)
  } catch (error) {
    // A failed statement aborts the whole transaction: it ends here, and the next read begins a new one.
    session.open = false
    await sql`rollback`.execute(db)
    throw error
  }
}

/**
 * Runs one read statement under a statement timeout. Without bound parameters it follows the `set_config` in the
 * same simple-protocol message: one round trip, in the implicit transaction of that message, which the setting
 * does not outlive. The simple protocol cannot bind parameters, so a statement with some runs in
 * `settingTransaction` instead (three round trips), as it does in a read session.
 */
export async function timedStatement<R>(db: Kysely<any>, ms: number, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db)
  if (compiled.parameters.length > 0 || sessions.has(db))
    return timedTransaction(db, ms, (trx) => trx.executeQuery(compiled))
  return sql.raw<R>(`${setLocal('statement_timeout', ms)}; ${compiled.sql}`).execute(db)
}
