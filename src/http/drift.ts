import type { Kysely } from 'kysely'
import { diffMetadata } from '../codegen/diff-metadata.js'
import type { Dialect } from '../db/dialect.js'
import type { SchemaMetadata } from '../introspect/metadata.js'

/**
 * Tables (as `schema.name`) whose live definition no longer matches the metadata the admin was built
 * from. Differences that leave every column's type in place (comments, defaults, indexes) do not count:
 * reading still works. A new table in the database is not drift either: it is simply not shown.
 */
export async function findDriftedTables(
  db: Kysely<any>,
  dialect: Dialect,
  expected: SchemaMetadata,
): Promise<Set<string>> {
  const live = await dialect.introspect(db, { schemas: expected.schemas })
  const differences = diffMetadata(expected, {
    ...live,
    tables: live.tables.map((table) => ({ ...table, estimatedRows: null })),
  })
  const drifted = new Set<string>()
  for (const difference of differences) {
    if (difference.kind === 'dialect-changed') return new Set(expected.tables.map((t) => `${t.schema}.${t.name}`))
    if (difference.kind === 'details-changed' || difference.kind === 'table-added') continue
    drifted.add(difference.table)
  }
  return drifted
}
