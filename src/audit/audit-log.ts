import { sql, type Kysely } from 'kysely'
import { dialectFor } from '../db/dialects.js'
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
  if (dialectFor(dialect).ownTables.inFile)
    return { dialect, schema: sqliteAuditSchema, table: 'audit_log', file: target }
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
 * Creates the audit table when missing, after its schema (or, on SQLite, ATTACHing the audit file). A change and
 * its audit entry share a transaction; where that cannot commit atomically (SQLite files in WAL mode) it returns a warning, for the caller to log.
 */
export async function setUpAuditLog(db: Kysely<any>, log: AuditLog): Promise<string[]> {
  const warnings: string[] = []
  const { ownTables } = dialectFor(log.dialect)
  await ownTables.prepare(db, log)
  if (!(await ownTables.commitsAtomically(db)))
    warnings.push(
      'the database is in WAL mode, so a change and its audit entry (in another file) are not committed atomically',
    )
  await sql`create table if not exists ${auditTableId(log)} (
    id ${ownTables.numberedKey}, at text not null, actor text, table_schema text not null, table_name text not null,
    record_key text not null, action text not null, changes text not null, note text, reason text)`.execute(db)
  // Logs created by an earlier version get the columns added since: a note (why a row changed when nobody
  // edited it: a cascade) and the reason the user gave for the change.
  const columns = await ownTables.columnNames(db, log.schema, log.table)
  for (const added of ['note', 'reason'])
    if (!columns.includes(added))
      await sql`alter table ${auditTableId(log)} add column ${sql.id(added)} text`.execute(db)
  // A record's history is read by its table and key.
  const onColumns = sql`(table_schema, table_name, record_key, id)`
  await ownTables.createIndex(db, {
    schema: log.schema,
    table: log.table,
    name: `${log.table}_record`,
    columns: onColumns,
  })
  return warnings
}
