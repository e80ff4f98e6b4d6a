import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Column } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import { rowSource, type Reader } from '../records/scoped-from.js'
import type { Resource } from '../resources/resource.js'
import { columnId } from './sql-identifiers.js'

const maxResults = 20

export interface LookupOptions {
  readonly resource: Resource
  /** The column whose value a pick yields (a foreign key's referenced column). */
  readonly column: Column
  /** What the user typed: a label fragment, or the exact value. */
  readonly q: string
  readonly dialect: Dialect
  /** Who asks: only the rows of the table's scope for them are offered. */
  readonly user: Reader
}

/** One row a foreign-key picker offers: `value` is what the referencing form field should hold. */
export interface LookupRow {
  readonly value: string
  readonly label: string
}

/**
 * The rows of a foreign-key picker's target whose label column contains `q` (any case), or whose `column`
 * equals it, by label, at most 20. Run it in a transaction with a statement timeout: it may scan the table.
 */
export async function lookupRows(db: Kysely<any>, options: LookupOptions): Promise<LookupRow[]> {
  const { resource, column, q } = options
  const dialect = options.dialect.name
  const like = options.dialect.capabilities.caseInsensitiveLike
  const labelColumn = resource.table.columns.find((candidate) => candidate.name === resource.labelColumn)
  const conditions = []
  // Only kinds the filters compare: json (and types Steward does not know) have no `=` on Postgres.
  const comparable = kindOf(column).filterOperators.some((operator) => operator !== 'null')
  const typed = q === '' || !comparable ? undefined : kindOf(column).parse(q, column, dialect)
  if (typed?.ok) conditions.push(sql`${columnId(column.name)} = ${typed.value}`)
  if (labelColumn && q !== '') {
    const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    // Cast: an enum label column has no LIKE operator on Postgres.
    conditions.push(sql`cast(${columnId(labelColumn.name)} as text) ${sql.raw(like)} ${pattern} escape '\\'`)
  }
  const where = q === '' ? sql`1 = 1` : conditions.length > 0 ? sql.join(conditions, sql` or `) : sql`1 = 0`
  const selected = [column.name, ...(labelColumn && labelColumn.name !== column.name ? [labelColumn.name] : [])]
  // Without a label, by the value itself; as text where its type has no order (json, point on Postgres).
  const order = labelColumn
    ? columnId(labelColumn.name)
    : comparable
      ? columnId(column.name)
      : sql`cast(${columnId(column.name)} as ${sql.raw(options.dialect.capabilities.textCast)})`
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join(selected.map((name) => columnId(name)))} from ${rowSource(db, resource, options.user)}
    where ${where} order by ${order} limit ${maxResults}`.execute(db)
  return rows.map((row) => {
    const value = row[column.name]
    const input = value === null || value === undefined ? '' : kindOf(column).toInput(value, column, dialect)
    const label = labelColumn
      ? kindOf(labelColumn).format(row[labelColumn.name], labelColumn, { dialect, truncate: 80 }).text
      : input
    return { value: input, label: label === input ? input : `${label} (${input})` }
  })
}
