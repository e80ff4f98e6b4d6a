import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../introspect/metadata.js'

/**
 * Runs `fn` in one write transaction. On SQLite it begins IMMEDIATE, taking the write lock before the
 * first read, so the row read for a conflict check cannot change before the update (a deferred
 * transaction could also fail to upgrade its lock with SQLITE_BUSY). Postgres locks the rows it reads
 * with `select … for update` (see `lockClause`).
 * https://www.sqlite.org/lang_transaction.html
 */
export async function withWriteTransaction<T>(
  db: Kysely<any>,
  dialect: DialectName,
  fn: (trx: Kysely<any>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') return db.transaction().execute(fn)
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn)
    try {
      const result = await fn(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (error) {
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
