import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { sql, type Kysely } from 'kysely'

/**
 * ATTACHes `file` as `schema` unless it already is: Steward keeps its own tables (audit log, accounts)
 * in files of their own beside the user's database. better-sqlite3 has one connection, so the attachment
 * holds for every later statement. https://www.sqlite.org/lang_attach.html
 */
export async function attachSqliteFile(db: Kysely<any>, schema: string, file: string): Promise<void> {
  const { rows } = await sql<{ name: string }>`select name from pragma_database_list`.execute(db)
  if (rows.some((row) => row.name === schema)) return
  // ATTACH opens with the main database's flags, which may not include "create": an empty file is a valid database.
  mkdirSync(dirname(file), { recursive: true })
  closeSync(openSync(file, 'a'))
  await sql`attach database ${file} as ${sql.id(schema)}`.execute(db)
}
