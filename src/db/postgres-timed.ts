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

/**
 * Runs one read statement under a statement timeout. Without bound parameters it follows the `set_config` in the
 * same simple-protocol message: one round trip, in the implicit transaction of that message, which the setting
 * does not outlive. The simple protocol cannot bind parameters, so a statement with some runs in
 * `settingTransaction` instead (three round trips).
 */
export async function timedStatement<R>(db: Kysely<any>, ms: number, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db)
  if (compiled.parameters.length > 0)
    return settingTransaction(db, 'statement_timeout', ms, (trx) => trx.executeQuery(compiled))
  return sql.raw<R>(`${setLocal('statement_timeout', ms)}; ${compiled.sql}`).execute(db)
}
