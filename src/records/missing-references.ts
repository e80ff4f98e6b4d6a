import { sql, type Kysely } from 'kysely'
import type { ForeignKey, Table } from '../introspect/metadata.js'
import { matchColumns, tableId } from '../list/sql-identifiers.js'

/**
 * The foreign keys whose written values point at no row. SQLite reports only "FOREIGN KEY constraint
 * failed", without saying which; after the failed write is rolled back this finds the culprit(s) so the
 * message can go next to the right field. Only foreign keys whose columns were all written are checked.
 */
export async function missingReferences(
  db: Kysely<any>,
  table: Table,
  written: Readonly<Record<string, unknown>>,
): Promise<ForeignKey[]> {
  const missing: ForeignKey[] = []
  for (const fk of table.foreignKeys) {
    if (!fk.columns.every((name) => name in written)) continue
    const values = fk.columns.map((name) => written[name])
    if (values.some((value) => value === null || value === undefined)) continue
    const { rows } = await sql`select 1 as found from ${tableId({ schema: fk.refSchema, name: fk.refTable })}
      where ${matchColumns(fk.refColumns, values)} limit 1`.execute(db)
    if (rows.length === 0) missing.push(fk)
  }
  return missing
}
