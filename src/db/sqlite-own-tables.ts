import { dirname, join } from 'node:path'
import { sql } from 'kysely'
import type { OwnTables } from './dialect.js'
import { attachSqliteFile } from './sqlite-attach.js'

/** Steward's tables in files of their own beside the user's database, attached to the connection. */
export const sqliteOwnTables: OwnTables = {
  inFile: true,
  defaultPlace: (target, file) =>
    target.dialect !== 'sqlite' || target.path === ':memory:' ? undefined : join(dirname(target.path), file),
  async prepare(db, { schema, file }) {
    await attachSqliteFile(db, schema, file!)
  },
  // With a rollback journal a transaction over several files commits atomically; in WAL mode it does not.
  // https://www.sqlite.org/atomiccommit.html#_multi_file_commit
  async commitsAtomically(db) {
    const mode = await sql<{ journal_mode: string }>`pragma main.journal_mode`.execute(db)
    return mode.rows[0]?.journal_mode.toLowerCase() !== 'wal'
  },
  numberedKey: sql`integer primary key`,
  // An index lives in its table's schema, named with the schema rather than the table.
  async createIndex(db, { schema, table, name, columns }) {
    await sql`create index if not exists ${sql.id(schema, name)} on ${sql.id(table)} ${columns}`.execute(db)
  },
  async columnNames(db, schema, table) {
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table}, ${schema})`.execute(db)
    return rows.map((row) => row.name)
  },
}
