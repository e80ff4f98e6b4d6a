import { z } from 'zod'
import type { SchemaMetadata, Table } from '../introspect/metadata.js'

/** Which tables `steward generate` was asked for; stored in `schema.ts` so `--check` compares like with like. */
export const TableSelection = z.object({
  /** Postgres schemas to read; empty means every non-system schema. */
  schemas: z.array(z.string()),
  /** Glob patterns (`*`, `?`): a table is kept when it matches any of them (all tables when empty). */
  include: z.array(z.string()),
  /** Glob patterns: a table matching any of them is left out, even when included. */
  exclude: z.array(z.string()),
})
export type TableSelection = z.infer<typeof TableSelection>

export const everyTable: TableSelection = { schemas: [], include: [], exclude: [] }

/**
 * Keeps the selected tables. A pattern containing a `.` matches `schema.table`, any other matches the bare
 * table name — the convention of kysely-codegen's --include-pattern — and matching is case-sensitive,
 * because `Users` and `users` can be two tables.
 */
export function selectTables(metadata: SchemaMetadata, selection: TableSelection): SchemaMetadata {
  const include = selection.include.map(compilePattern)
  const exclude = selection.exclude.map(compilePattern)
  const inSchemas = (table: Table) => selection.schemas.length === 0 || selection.schemas.includes(table.schema)
  const tables = metadata.tables.filter(
    (table) =>
      inSchemas(table) &&
      (include.length === 0 || include.some((matches) => matches(table))) &&
      !exclude.some((matches) => matches(table)),
  )
  const schemas = metadata.schemas.filter(
    (schema) => selection.schemas.length === 0 || selection.schemas.includes(schema),
  )
  return { ...metadata, schemas, tables }
}

function compilePattern(pattern: string): (table: Pick<Table, 'schema' | 'name'>) => boolean {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  const regexp = new RegExp(`^${source}$`, 'su')
  const qualified = pattern.includes('.')
  return (table) => regexp.test(qualified ? `${table.schema}.${table.name}` : table.name)
}
