import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { writeAuditEntry, type AuditRecorder } from '../audit/audit-entry.js'
import { cascadeEntries, finishEntries, type CascadeOptions } from './cascade-audit.js'
import { rowKeyColumns, rowRefText } from './record-ref.js'
import { targetOf, type RowToFind } from './resolve-record-ref.js'
import { rowSource, type Reader } from './scoped-from.js'
import { writeFailure, type WriteFailure } from './write-failure.js'
import { deleteHooks, type HookOptions } from './write-hooks.js'
import { writeMessages } from './write-messages.js'
import { withWriteTransaction, WriteRefused } from './write-transaction.js'

export type DeleteResult =
  /** `missing`: keys whose row was already gone (deleted by someone else meanwhile). */
  { readonly status: 'deleted'; readonly count: number; readonly missing: number } | WriteFailure

export interface DeleteOptions extends CascadeOptions, HookOptions {
  /**
   * Every resource of the admin: with `audit`, the rows the delete cascades to or clears (ON DELETE
   * CASCADE / SET NULL / SET DEFAULT) are recorded too, each under its own table and key.
   */
  readonly resources?: readonly Resource[]
  /** Who deletes: a row outside the table's scope for them counts as missing and is not deleted. */
  readonly user?: Reader
}

/**
 * Deletes rows, all in one transaction: either every row goes or none does. Each row is read first (two
 * at most): a key that matches more than one row (identical rows of a key-less table, SQLite rows sharing
 * a NULL key) rolls everything back, as does a delete that affects more rows than were read.
 * With `audit`, each deleted row is recorded as it was, in the same transaction. With `hooks`, each row
 * Steward deletes runs `beforeDelete` and `afterDelete`; rows the database deletes or clears by cascade
 * run none.
 */
export async function deleteRecords(
  db: Kysely<any>,
  dialect: Dialect,
  resource: Resource,
  rows: readonly RowToFind[],
  audit: AuditRecorder | null = null,
  options: DeleteOptions = {},
): Promise<DeleteResult> {
  try {
    return await withWriteTransaction(db, dialect.name, async (trx): Promise<DeleteResult> => {
      let count = 0
      const user = options.user ?? null
      const columns = [...resource.table.columns.map((column) => column.name), ...rowKeyColumns(resource)]
      for (const row of rows) {
        const target = targetOf(resource, row)
        const where = matchColumns(target.columns, target.values)
        const found = (
          await sql<
            Record<string, unknown>
          >`select ${selectList(resource, columns)} from ${rowSource(trx, resource, user)}
            where ${where} limit 2${dialect.lockForUpdate}`.execute(trx)
        ).rows
        if (found.length > 1) throw new WriteRefused('ambiguous', writeMessages.ambiguous)
        const before = found[0]
        if (!before) continue
        await deleteHooks(trx, options.hooks, resource, 'beforeDelete', before)
        const recordKey = rowRefText(resource, before)
        // What the cascade takes must be read before the delete; it is recorded after it, in this transaction.
        const cascaded =
          audit && options.resources
            ? await cascadeEntries(trx, options.resources, resource, { ...target, text: recordKey }, options)
            : null
        const result = await sql`delete from ${tableId(resource.table)} where ${where}`.execute(trx)
        if (Number(result.numAffectedRows ?? 0n) !== 1) throw new WriteRefused('ambiguous', writeMessages.ambiguous)
        count++
        if (audit) {
          const changes = Object.fromEntries(resource.columns.map((column) => [column.name, before[column.name]]))
          const note = cascaded?.note ?? null
          await writeAuditEntry(trx, audit, { table: resource.table, recordKey, action: 'delete', changes, note })
          for (const entry of await finishEntries(trx, cascaded?.entries ?? []))
            await writeAuditEntry(trx, audit, entry)
        }
        await deleteHooks(trx, options.hooks, resource, 'afterDelete', before)
      }
      return { status: 'deleted', count, missing: rows.length - count }
    })
  } catch (error) {
    return writeFailure(error, dialect)
  }
}
