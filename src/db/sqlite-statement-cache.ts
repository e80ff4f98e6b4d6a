import type SqliteDatabase from 'better-sqlite3'
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely'

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL costs more than running a
 * small indexed query. The admin runs the same few statements per page, so keep the prepared ones.
 * Safe because every statement is run to completion before the next call (Kysely serialises the connection).
 */
export function cachingDatabase(database: SqliteDatabase.Database, capacity = 500): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText)
      if (statement) {
        // Refresh its place: the Map's order is the eviction order.
        statements.delete(sqlText)
      } else {
        statement = database.prepare(sqlText)
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string)
      }
      statements.set(sqlText, statement)
      return statement as unknown as ReturnType<KyselySqliteDatabase['prepare']>
    },
  }
}
