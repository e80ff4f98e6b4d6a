import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import { matchColumns, selectList, tableId, valueOf } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { writeAuditEntry, type AuditRecorder } from '../audit/audit-entry.js'
import { rowKeyColumns, rowRefText } from './record-ref.js'
import { writeFailure, type WriteFailure } from './write-failure.js'
import { afterSave, beforeSave, type HookOptions } from './write-hooks.js'
import { requireWithinScope, type Reader } from './scoped-from.js'
import { withWriteTransaction } from './write-transaction.js'

export type InsertResult =
  /**
   * The new row's key values, in key order, for its URL; null when the database returned no row (a BEFORE
   * INSERT trigger that stores the row elsewhere, e.g. in an inheritance child, and returns NULL).
   */
  | {
      readonly status: 'created'
      readonly keyValues: readonly unknown[] | null
      /** The new row's ref text (`rowRefText`: its rowid when its key holds NULL); null with `keyValues`. */
      readonly ref: string | null
      /** The values written: what was asked, with what `beforeSave` hooks returned merged over it. */
      readonly values: Readonly<Record<string, unknown>>
    }
  | WriteFailure

/**
 * Inserts one row in a transaction. Columns left out of `values` get their database default, so
 * identity, serial and defaulted columns are simply not named. The key comes back with RETURNING
 * (Postgres, and SQLite since 3.35), so generated keys are known without a second query.
 * A row the writing `user` could not then see (the table's scope) is refused and rolled back.
 * With `audit`, the values written (and the new key) are recorded in the same transaction. With `hooks`,
 * `beforeSave` may change the values first and `afterSave` gets the row the database returned (the values
 * written when it returned none), all in the same transaction.
 */
export async function insertRecord(
  db: Kysely<any>,
  dialect: Dialect,
  resource: Resource,
  values: Readonly<Record<string, unknown>>,
  audit: AuditRecorder | null = null,
  options: HookOptions & { readonly user?: Reader } = {},
): Promise<InsertResult> {
  try {
    return await withWriteTransaction(db, dialect.name, async (trx) => {
      const mode = 'create'
      const written = await beforeSave(trx, options.hooks, resource, { mode, values, current: null })
      const row = (await insertStatement(resource, written).execute(trx)).rows[0]
      const keyValues = row ? resource.key.columns.map((name) => valueOf(resource, row, name)) : null
      const ref = row ? rowRefText(resource, row) : null
      if (keyValues)
        await requireWithinScope(trx, resource, options.user ?? null, matchColumns(resource.key.columns, keyValues))
      if (audit) {
        const key = Object.fromEntries(resource.key.columns.map((name, i) => [name, keyValues?.[i] ?? null]))
        const entry = { table: resource.table, recordKey: ref ?? '', action: 'create' as const }
        await writeAuditEntry(trx, audit, { ...entry, changes: { ...written, ...key } })
      }
      await afterSave(trx, options.hooks, resource, { mode, row: row ?? written, values: written })
      return { status: 'created', keyValues, ref, values: written } as const
    })
  } catch (error) {
    return writeFailure(error, dialect)
  }
}

/** `insert … returning` the row (its columns and its key, the rowid under its alias). */
function insertStatement(resource: Resource, values: Readonly<Record<string, unknown>>) {
  const names = Object.keys(values)
  const target = tableId(resource.table)
  const returning = selectList(resource, [
    ...resource.table.columns.map((column) => column.name),
    ...rowKeyColumns(resource),
  ])
  return names.length === 0
    ? sql<Record<string, unknown>>`insert into ${target} default values returning ${returning}`
    : sql<Record<string, unknown>>`insert into ${target} (${sql.join(names.map((name) => sql.id(name)))})
        values (${sql.join(names.map((name) => values[name]))}) returning ${returning}`
}
