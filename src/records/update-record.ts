import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { updateChanges, writeAuditEntry, type AuditRecorder } from '../audit/audit-entry.js'
import { changedSince } from './conflict.js'
import { rowKeyColumns, rowRefText } from './record-ref.js'
import { targetOf, type RowToFind } from './resolve-record-ref.js'
import { requireWithinScope, rowSource, type Reader } from './scoped-from.js'
import { writeFailure, type WriteFailure } from './write-failure.js'
import { afterSave, beforeSave, type HookOptions } from './write-hooks.js'
import { writeMessages } from './write-messages.js'
import { withWriteTransaction, WriteRefused } from './write-transaction.js'

export interface UpdateRequest {
  /** The row: its key's values, typed (see `typedKeyValues`), or a resolved target (`resolveRecordRef`). */
  readonly keyValues: RowToFind
  /** The version token the edit form was drawn with (see `rowVersion`). */
  readonly version: string
  /** Only the columns the user changed, with the values to write. */
  readonly changes: Readonly<Record<string, unknown>>
  /** Who writes: a row outside the table's scope for them is `not_found`, and nothing is written. */
  readonly user?: Reader
}

export type Row = Readonly<Record<string, unknown>>

export type UpdateResult =
  /** `row`: the row as it is now (what was read, with the changes applied). */
  | { readonly status: 'updated'; readonly columns: readonly string[]; readonly row: Row }
  | { readonly status: 'unchanged'; readonly row: Row }
  /** Someone changed the row since the form was loaded: nothing was written. */
  | { readonly status: 'conflict'; readonly current: Row; readonly changedByOthers: readonly string[] | 'all' }
  | { readonly status: 'not_found' }
  | WriteFailure

/**
 * Saves an edit in one transaction: reads the row again with a lock, refuses when it changed since the
 * form's version (the read goes through the table's scope: a row outside it is not found), then writes only the changed columns and checks that exactly one row was affected
 * (a key-less table matched on all its columns could match several: then everything is rolled back).
 * With `audit`, the before → after of the changed columns is recorded in the same transaction. With `hooks`
 * (run only when something changed), `beforeSave` may change or add values, which are then written too,
 * and `afterSave` gets the row as read with the written values applied.
 */
export async function updateRecord(
  db: Kysely<any>,
  dialect: Dialect,
  resource: Resource,
  request: UpdateRequest,
  audit: AuditRecorder | null = null,
  options: HookOptions = {},
): Promise<UpdateResult> {
  try {
    return await withWriteTransaction(db, dialect.name, async (trx): Promise<UpdateResult> => {
      const user = request.user ?? null
      const target = targetOf(resource, request.keyValues)
      const where = matchColumns(target.columns, target.values)
      const columns = [...resource.table.columns.map((column) => column.name), ...rowKeyColumns(resource)]
      const { rows } = await sql<Row>`select ${selectList(resource, columns)} from ${rowSource(trx, resource, user)}
        where ${where} limit 2${dialect.lockForUpdate}`.execute(trx)
      const current = rows[0]
      if (!current) return { status: 'not_found' }
      if (rows.length > 1) throw new WriteRefused('ambiguous', writeMessages.ambiguous)
      const changedByOthers = changedSince(request.version, resource.columns, current, dialect.name)
      if (changedByOthers === 'all' || changedByOthers.length > 0)
        return { status: 'conflict', current, changedByOthers }
      if (Object.keys(request.changes).length === 0) return { status: 'unchanged', row: current }
      const mode = 'update'
      const written = await beforeSave(trx, options.hooks, resource, { mode, values: request.changes, current })
      const names = Object.keys(written)
      const assignments = names.map((name) => sql`${sql.id(name)} = ${written[name]}`)
      const result = await sql`update ${tableId(resource.table)} set ${sql.join(assignments)} where ${where}`.execute(
        trx,
      )
      if (Number(result.numAffectedRows ?? 0n) !== 1) throw new WriteRefused('ambiguous', writeMessages.ambiguous)
      // The row must stay in sight: a scoped user may not move it out of their own scope.
      const newKey = target.columns.map((name, i) => (Object.hasOwn(written, name) ? written[name] : target.values[i]))
      await requireWithinScope(trx, resource, user, matchColumns(target.columns, newKey))
      const changes = updateChanges(current, written)
      const row = { ...current, ...written }
      if (audit && Object.keys(changes).length > 0) {
        const recordKey = rowRefText(resource, row)
        await writeAuditEntry(trx, audit, { table: resource.table, recordKey, action: 'update', changes })
      }
      await afterSave(trx, options.hooks, resource, { mode, row, values: written })
      return { status: 'updated', columns: names, row }
    })
  } catch (error) {
    return writeFailure(error, dialect)
  }
}
