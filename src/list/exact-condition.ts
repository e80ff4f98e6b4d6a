import { sql, type RawBuilder } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Column } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import type { Resource } from '../resources/resource.js'
import { keyCondition } from './filters.js'
import { columnId } from './sql-identifiers.js'

/**
 * The term as a whole equal to the row's key or to one of its unique columns (a single-column unique constraint or
 * index): at most one row per column, found by an index on any size of table.
 */
export function exactCondition(
  resource: Resource,
  q: string,
  dialect: Pick<Dialect, 'name'>,
): RawBuilder<boolean> | null {
  const parts: RawBuilder<unknown>[] = []
  const key = keyCondition({ ...resource, searchFields: [] }, q, dialect.name)
  if (key) parts.push(key)
  for (const column of uniqueColumns(resource)) {
    if (resource.key.columns.length === 1 && resource.key.columns[0] === column.name) continue
    const parsed = kindOf(column).parse(q, column, dialect.name)
    if (parsed.ok) parts.push(sql`${columnId(column.name)} = ${parsed.value}`)
  }
  return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` or `)})`
}

/** Visible columns that alone are unique: equal to a term, they name one row. */
export function uniqueColumns(resource: Resource): Column[] {
  const { table } = resource
  const single = [
    ...table.uniques.map((unique) => unique.columns),
    ...table.indexes.filter((index) => index.unique && !index.partial).map((index) => index.columns),
  ].flatMap((columns) => (columns.length === 1 ? columns : []))
  return resource.columns.filter((column) => single.includes(column.name))
}

/** The names of the columns `exactCondition` compares a term to: the key (when it is one column) and unique columns. */
export function exactColumnNames(resource: Resource): string[] {
  const key = resource.key.type !== 'columns' && resource.key.columns.length === 1 ? resource.key.columns : []
  return [...new Set([...key, ...uniqueColumns(resource).map((column) => column.name)])]
}
