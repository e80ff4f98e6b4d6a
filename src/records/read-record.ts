import { sql, type Kysely } from 'kysely'
import type { Resource } from '../resources/resource.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'

export interface ReadResult {
  readonly row: Readonly<Record<string, unknown>> | null
  /** More than one row matched: possible only for a key-less table matched on all its columns. */
  readonly duplicated: boolean
}

/**
 * Reads the row a record key names, every column (plus the rowid when that is the key). Reads two rows
 * at most, so identical rows in a key-less table are noticed rather than silently picking one.
 */
export async function readRecord(
  db: Kysely<any>,
  resource: Resource,
  keyValues: readonly unknown[],
): Promise<ReadResult> {
  const names = [...resource.table.columns.map((column) => column.name), ...resource.key.columns]
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(resource, names)} from ${tableId(resource.table)}
    where ${matchColumns(resource.key.columns, keyValues)} limit 2`.execute(db)
  return { row: rows[0] ?? null, duplicated: rows.length > 1 }
}
