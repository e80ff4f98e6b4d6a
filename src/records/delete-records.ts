import { sql, type Kysely } from 'kysely'
import type { DatabaseError } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { AuditFailed, writeAuditEntry, type AuditRecorder } from '../audit/audit-entry.js'
import { recordKeyText } from './record-key.js'
import { ambiguousMessage, auditRefusal } from './update-record.js'
import { withWriteTransaction, WriteRefused } from './write-transaction.js'

export type DeleteResult =
  /** `missing`: keys whose row was already gone (deleted by someone else meanwhile). */
  | { readonly status: 'deleted'; readonly count: number; readonly missing: number }
  | { readonly status: 'refused'; readonly message: string }
  | { readonly status: 'error'; readonly error: DatabaseError }

/**
 * Deletes rows by key, all in one transaction: either every row goes or none does. For a key-less
 * table matched on all its columns, a key that matches more than one row rolls everything back.
 * With `audit`, each deleted row is read first and recorded as it was, in the same transaction.
 */
export async function deleteRecords(
  db: Kysely<any>,
  dialect: Dialect,
  resource: Resource,
  keys: readonly (readonly unknown[])[],
  audit: AuditRecorder | null = null,
): Promise<DeleteResult> {
  const exact = resource.key.type === 'columns'
  try {
    return await withWriteTransaction(db, dialect.name, async (trx): Promise<DeleteResult> => {
      let count = 0
      const columns = resource.columns.map((column) => column.name)
      for (const keyValues of keys) {
        const where = matchColumns(resource.key.columns, keyValues)
        const before = audit
          ? (
              await sql<Record<string, unknown>>`select ${selectList(resource, columns)} from ${tableId(resource.table)}
              where ${where} limit 1`.execute(trx)
            ).rows[0]
          : undefined
        const result = await sql`delete from ${tableId(resource.table)} where ${where}`.execute(trx)
        const affected = Number(result.numAffectedRows ?? 0n)
        if (exact && affected > 1) throw new WriteRefused('ambiguous', ambiguousMessage)
        count += affected
        if (audit && before && affected > 0) {
          const entry = { table: resource.table, recordKey: recordKeyText(keyValues), action: 'delete' as const }
          await writeAuditEntry(trx, audit, { ...entry, changes: before })
        }
      }
      return { status: 'deleted', count, missing: keys.length - count }
    })
  } catch (error) {
    if (error instanceof WriteRefused) return { status: 'refused', message: error.message }
    if (error instanceof AuditFailed) return auditRefusal(error)
    const mapped = dialect.mapError(error)
    if (mapped) return { status: 'error', error: mapped }
    throw error
  }
}
