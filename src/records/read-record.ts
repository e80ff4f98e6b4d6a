import { sql, type Kysely } from 'kysely'
import type { Resource } from '../resources/resource.js'
import { matchColumns, selectList } from '../list/sql-identifiers.js'
import { rowKeyColumns } from './record-ref.js'
import { targetOf, type RowToFind } from './resolve-record-ref.js'
import { rowSource, type Reader } from './scoped-from.js'

export interface ReadResult {
  readonly row: Readonly<Record<string, unknown>> | null
  /** More than one row matched: a key-less table matched on all its columns, or SQLite NULL keys. */
  readonly duplicated: boolean
}

/**
 * Reads the row a record target (or key values) names, every column (plus the rowid where it is or backs the key). Reads
 * two rows at most, so identical rows in a key-less table are noticed rather than silently picking one.
 * Through the table's scope for `user`: a row outside it is not found.
 */
export async function readRecord(
  db: Kysely<any>,
  resource: Resource,
  row: RowToFind,
  user: Reader,
): Promise<ReadResult> {
  const target = targetOf(resource, row)
  const names = [...resource.table.columns.map((column) => column.name), ...rowKeyColumns(resource)]
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(resource, names)} from ${rowSource(db, resource, user)}
    where ${matchColumns(target.columns, target.values)} limit 2`.execute(db)
  return { row: rows[0] ?? null, duplicated: rows.length > 1 }
}
