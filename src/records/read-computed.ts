import { sql, type Kysely } from 'kysely'
import type { Resource } from '../resources/resource.js'
import { matchColumns, selectList } from '../list/sql-identifiers.js'
import { rowSource, type Reader } from './scoped-from.js'
import { targetOf, type RowToFind } from './resolve-record-ref.js'

/**
 * The computed columns' values of one row (see `readRecord` for how the row is found), by name; empty when the
 * table has none or the row is gone. Its own statement, so that pages which write never evaluate them.
 */
export async function readComputed(
  db: Kysely<any>,
  resource: Resource,
  row: RowToFind,
  user: Reader,
): Promise<Readonly<Record<string, unknown>>> {
  if (resource.computed.length === 0) return {}
  const target = targetOf(resource, row)
  const names = resource.computed.map((field) => field.name)
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(resource, names)} from ${rowSource(db, resource, user)}
    where ${matchColumns(target.columns, target.values)} limit 1`.execute(db)
  return rows[0] ?? {}
}
