import { sql, type Kysely } from 'kysely'
import type { DatabaseError } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { AuditFailed, writeAuditEntry, type AuditRecorder } from '../audit/audit-entry.js'
import { rowKeyColumns, rowRefText } from './record-ref.js'
import { targetOf, type RowToFind } from './resolve-record-ref.js'
import { ambiguousMessage, auditRefusal } from './update-record.js'
import { lockClause, withWriteTransaction, WriteRefused } from './write-transaction.js'

export type DeleteResult =
  /** `missing`: keys whose row was already gone (deleted by someone else meanwhile). */
  | { readonly status: 'deleted'; readonly count: number; readonly missing: number }
  | { readonly status: 'refused'; readonly message: string }
  | { readonly status: 'error'; readonly error: DatabaseError }

/**
 * Deletes rows, all in one transaction: either every row goes or none does. Each row is read first (two
 * at most): a key that matches more than one row (identical rows of a key-less table, SQLite rows sharing
 * a NULL key) rolls everything back, as does a delete that affects more rows than were read.
 * With `audit`, each deleted row is recorded as it was, in the same transaction.
 */
export async function deleteRecords(
  db: Kysely<any>,
  dialect: Dialect,
  resource: Resource,
  rows: readonly RowToFind[],
  audit: AuditRecorder | null = null,
): Promise<DeleteResult> {
  try {
    return await withWriteTransaction(db, dialect.name, async (trx): Promise<DeleteResult> => {
      let count = 0
      const columns = [...resource.columns.map((column) => column.name), ...rowKeyColumns(resource)]
      for (const row of rows) {
        const target = targetOf(resource, row)
        const where = matchColumns(target.columns, target.values)
        const found = (
          await sql<Record<string, unknown>>`select ${selectList(resource, columns)} from ${tableId(resource.table)}
            where ${where} limit 2${lockClause[dialect.name]}`.execute(trx)
        ).rows
        if (found.length > 1) throw new WriteRefused('ambiguous', ambiguousMessage)
        const before = found[0]
        if (!before) continue
        const result = await sql`delete from ${tableId(resource.table)} where ${where}`.execute(trx)
        if (Number(result.numAffectedRows ?? 0n) !== 1) throw new WriteRefused('ambiguous', ambiguousMessage)
        count++
        if (audit) {
          const changes = Object.fromEntries(resource.columns.map((column) => [column.name, before[column.name]]))
          const entry = { table: resource.table, recordKey: rowRefText(resource, before), action: 'delete' as const }
          await writeAuditEntry(trx, audit, { ...entry, changes })
        }
      }
      return { status: 'deleted', count, missing: rows.length - count }
    })
  } catch (error) {
    if (error instanceof WriteRefused) return { status: 'refused', message: error.message }
    if (error instanceof AuditFailed) return auditRefusal(error)
    const mapped = dialect.mapError(error)
    if (mapped) return { status: 'error', error: mapped }
    throw error
  }
}
