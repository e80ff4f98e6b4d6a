import { attachSqliteFile } from '../db/sqlite-attach.js'
import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../introspect/metadata.js'

/** Where the audit entries go: a table Steward owns, in a schema (Postgres) or an attached file (SQLite). */
export interface AuditLog {
  readonly dialect: DialectName
  /** Postgres: the schema of `target`; SQLite: the name the audit file is attached as. */
  readonly schema: string
  readonly table: string
  /** SQLite only: the file attached as `schema`. */
  readonly file?: string
}

/** The SQLite schema name the audit file is attached as. */
export const sqliteAuditSchema = 'steward_audit'

/**
 * The audit log named by `target`: `schema.table` on Postgres (a bare name lands in `steward`),
 * a file path on SQLite (the table there is `audit_log`).
 */
export function auditLogFor(dialect: DialectName, target: string): AuditLog {
  if (dialect === 'sqlite') return { dialect, schema: sqliteAuditSchema, table: 'audit_log', file: target }
  const parts = target.split('.')
  if (parts.length > 2 || parts.some((part) => part === ''))
    throw new Error(`audit target "${target}" is not a table name like steward.audit_log`)
  const [schema, table] = parts.length === 2 ? (parts as [string, string]) : ['steward', parts[0]!]
  return { dialect, schema, table }
}

/** `schema.table`, quoted. */
export function auditTableId(log: AuditLog) {
  return sql.id(log.schema, log.table)
}

/**
 * Creates the audit table when missing. On SQLite it first ATTACHes the audit file (`attachSqliteFile`);
 * with a rollback journal a transaction over both files commits atomically. In WAL mode it does not, which is worth a warning:
 * the warnings are returned, for the caller to log.
 * https://www.sqlite.org/lang_attach.html · https://www.sqlite.org/atomiccommit.html#_multi_file_commit
 */
export async function setUpAuditLog(db: Kysely<any>, log: AuditLog): Promise<string[]> {
  const id = auditTableId(log)
  const warnings: string[] = []
  if (log.dialect === 'sqlite') {
    await attachSqliteFile(db, log.schema, log.file!)
    const mode = await sql<{ journal_mode: string }>`pragma main.journal_mode`.execute(db)
    if (mode.rows[0]?.journal_mode.toLowerCase() === 'wal')
      warnings.push(
        'the database is in WAL mode, so a change and its audit entry (in another file) are not committed atomically',
      )
    await sql`create table if not exists ${id} (
      id integer primary key, at text not null, actor text, table_schema text not null, table_name text not null,
      record_key text not null, action text not null, changes text not null, note text)`.execute(db)
  } else {
    await sql`create schema if not exists ${sql.id(log.schema)}`.execute(db)
    await sql`create table if not exists ${id} (
      id bigint generated always as identity primary key, at text not null, actor text, table_schema text not null,
      table_name text not null, record_key text not null, action text not null, changes text not null, note text)`.execute(
      db,
    )
  }
  await addNoteColumn(db, log)
  // A record's history is read by its table and key.
  const index = `${log.table}_record`
  const onColumns = sql`(table_schema, table_name, record_key, id)`
  if (log.dialect === 'sqlite')
    await sql`create index if not exists ${sql.id(log.schema, index)} on ${sql.id(log.table)} ${onColumns}`.execute(db)
  else await sql`create index if not exists ${sql.id(index)} on ${id} ${onColumns}`.execute(db)
  return warnings
}

/** Logs created before entries had a note (why a row changed when nobody edited it: a cascade) get the column. */
async function addNoteColumn(db: Kysely<any>, log: AuditLog): Promise<void> {
  const { rows } =
    log.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${log.table}, ${log.schema})`.execute(db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = ${log.schema} and table_name = ${log.table}`.execute(db)
  if (!rows.some((row) => row.name === 'note'))
    await sql`alter table ${auditTableId(log)} add column note text`.execute(db)
}
