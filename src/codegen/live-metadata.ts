import { connect } from '../db/connect.js'
import { SchemaMetadata } from '../introspect/metadata.js'
import { selectTables, type TableSelection } from './table-selection.js'

/**
 * Introspects the database at `url` and keeps the selected tables, in the form `generated/` holds: checked
 * and rebuilt by the zod schema (so every object has one key order) and without row estimates, which change
 * with the data and must cause neither rewrites nor drift.
 */
export async function readLiveMetadata(url: string, selection: TableSelection): Promise<SchemaMetadata> {
  const { db, dialect, close } = await connect(url)
  try {
    const introspected = await dialect.introspect(db, { schemas: selection.schemas })
    const selected = selectTables(introspected, selection)
    return SchemaMetadata.parse({
      ...selected,
      tables: selected.tables.map((table) => ({ ...table, estimatedRows: null })),
    })
  } finally {
    await close()
  }
}
