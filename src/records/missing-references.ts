import { sql, type Kysely } from 'kysely'
import type { ForeignKey, Table } from '../introspect/metadata.js'
import { matchColumns } from '../list/sql-identifiers.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import { rowSourceOf, type Reader } from './scoped-from.js'

/**
 * The foreign keys whose written values point at no row. SQLite reports only "FOREIGN KEY constraint
 * failed", without saying which; after the failed write is rolled back this finds the culprit(s) so the
 * message can go next to the right field. Only foreign keys whose columns were all written are checked.
 * With `scopes`, a referenced row outside its table's scope for the user counts as missing (it is not theirs to see).
 */
export async function missingReferences(
  db: Kysely<any>,
  table: Table,
  written: Readonly<Record<string, unknown>>,
  scopes?: { readonly resources: ResourceIndex; readonly user: Reader },
): Promise<ForeignKey[]> {
  const missing: ForeignKey[] = []
  for (const fk of table.foreignKeys) {
    if (!fk.columns.every((name) => Object.hasOwn(written, name))) continue
    const values = fk.columns.map((name) => written[name])
    if (values.some((value) => value === null || value === undefined)) continue
    const ref = { schema: fk.refSchema, name: fk.refTable }
    const target = scopes?.resources.get(ref.schema, ref.name)
    const { rows } = await sql`select 1 as found from ${rowSourceOf(db, target, ref, scopes?.user ?? null)}
      where ${matchColumns(fk.refColumns, values)} limit 1`.execute(db)
    if (rows.length === 0) missing.push(fk)
  }
  return missing
}
