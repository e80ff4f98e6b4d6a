import { sql, type Kysely } from 'kysely'
import type { DatabaseError } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import { matchColumns, tableId } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { ambiguousMessage } from './update-record.js'
import { withWriteTransaction, WriteRefused } from './write-transaction.js'

export type DeleteResult =
  /** `missing`: keys whose row was already gone (deleted by someone else meanwhile). */
  | { readonly status: 'deleted'; readonly count: number; readonly missing: number }
  | { readonly status: 'refused'; readonly message: string }
  | { readonly status: 'error'; readonly error: DatabaseError }

/**
 * Deletes rows by key, all in one transaction: either every row goes or none does. For a key-less
 * table matched on all its columns, a key that matches more than one row rolls everything back.
 */
export async function deleteRecords(
  db: Kysely<any>,
  dialect: Dialect,
  resource: Resource,
  keys: readonly (readonly unknown[])[],
): Promise<DeleteResult> {
  const exact = resource.key.type === 'columns'
  try {
    return await withWriteTransaction(db, dialect.name, async (trx): Promise<DeleteResult> => {
      let count = 0
      for (const keyValues of keys) {
        const result = await sql`delete from ${tableId(resource.table)}
          where ${matchColumns(resource.key.columns, keyValues)}`.execute(trx)
        const affected = Number(result.numAffectedRows ?? 0n)
        if (exact && affected > 1) throw new WriteRefused('ambiguous', ambiguousMessage)
        count += affected
      }
      return { status: 'deleted', count, missing: keys.length - count }
    })
  } catch (error) {
    if (error instanceof WriteRefused) return { status: 'refused', message: error.message }
    const mapped = dialect.mapError(error)
    if (mapped) return { status: 'error', error: mapped }
    throw error
  }
}
