import type { Table } from './metadata.js'

/**
 * The columns some index of the table starts with (its key, a unique constraint, a plain non-partial index): an
 * index on them sorts by them and finds a value or a prefix of it. Index kinds are not known here (a Postgres GIN
 * index counts too); `steward doctor` tells them apart (see `adviseIndexes`).
 */
export function indexLeadingColumns(table: Table): Set<string> {
  return new Set(
    [
      table.primaryKey,
      ...table.uniques.map((unique) => unique.columns),
      ...table.indexes.filter((index) => !index.partial).map((index) => index.columns),
    ]
      .map((columns) => columns[0])
      .filter((name): name is string => name !== undefined),
  )
}
