import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import { rowKeyColumns } from '../records/record-ref.js'
import { rowSource, type Reader } from '../records/scoped-from.js'
import type { Resource } from '../resources/resource.js'
import { keysetCondition, orderByClause } from './keyset.js'
import type { ListParams } from './list-params.js'
import { resolveOrdering, type OrderTerm, type Ordering } from './ordering.js'
import { plannedListWhere } from './search-plan.js'
import { columnId, computedSql, selectList, valueOf } from './sql-identifiers.js'

type Row = Readonly<Record<string, unknown>>

/** The rows just before and after one row of a list, as read with `rowKeyColumns`; null at either end. */
export interface NeighbourRows {
  readonly prev: Row | null
  readonly next: Row | null
}

export interface NeighbourOptions {
  /** The list: its search, filters and sort (its position does not matter). */
  readonly params: Pick<ListParams, 'q' | 'searchAll' | 'filters' | 'sort'>
  /** The row itself, with the ordering's columns (a row read by `readRecord` has them all) and computed values. */
  readonly row: Row
  readonly dialect: Dialect
  readonly user: Reader
  /** Above this many rows a table's default search keeps to its indexes, as on the list (config `search.bigTableRows`). */
  readonly bigTableRows?: number | undefined
}

/**
 * The previous and next rows of `row` in its list: the same ordering, filters and search as the list page, so
 * walking them visits the list's rows in its order. One indexed read each, as a list's next page is: the
 * keyset condition when the ordering has one, else the same comparison spelt out term by term (mixed
 * directions, NULLs where the engine sorts them).
 */
export async function loadNeighbourRows(
  db: Kysely<any>,
  resource: Resource,
  options: NeighbourOptions,
): Promise<NeighbourRows> {
  const { dialect } = options
  const ordering = resolveOrdering(resource, options.params.sort)
  const { where } = await plannedListWhere(db, resource, options.params, {
    dialect,
    where: { dialect: dialect.name, capabilities: dialect.capabilities },
    bigTableRows: options.bigTableRows,
  })
  const values = ordering.terms.map((term) => valueOf(resource, options.row, term.column))
  const from = rowSource(db, resource, options.user)
  const columns = selectList(resource, rowKeyColumns(resource))
  const read = async (backwards: boolean): Promise<Row | null> => {
    const beyond = ordering.keyset
      ? keysetCondition(ordering, values, backwards)
      : comesAfter(resource, ordering, values, !dialect.capabilities.nullsFirst, backwards)
    const conditions = where ? [where, beyond] : [beyond]
    const { rows } = await sql<Record<string, unknown>>`
      select ${columns} from ${from} where ${sql.join(conditions, sql` and `)}
      order by ${orderByClause(ordering, backwards)} limit 1`.execute(db)
    return rows[0] ?? null
  }
  if (ordering.terms.length === 0) return { prev: null, next: null }
  return { prev: await read(true), next: await read(false) }
}

/**
 * `(a, b) > (x, y)` in the ordering's own sense: a row comes after when its first differing term does. Where the
 * terms are read ascending (`ascending` flips each term's direction), NULL sorts after every value when
 * `nullsLastAscending` (Postgres) and before it otherwise (SQLite).
 */
function comesAfter(
  resource: Resource,
  ordering: Ordering,
  values: readonly unknown[],
  nullsLastAscending: boolean,
  backwards: boolean,
): RawBuilder<boolean> {
  const nullable = new Set(resource.table.columns.filter((c) => c.nullable).map((c) => c.name))
  const isNull = (value: unknown) => value === null || value === undefined
  const alternatives = ordering.terms.map((term, i) => {
    const column = termSql(term)
    const desc = term.desc !== backwards
    // NULLs follow the values in this term's direction: ascending on Postgres, descending on SQLite.
    const nullsAfter = desc !== nullsLastAscending
    const value = values[i]
    const after = isNull(value)
      ? nullsAfter
        ? sql`1 = 0`
        : sql`${column} is not null`
      : nullsAfter && (term.computed || nullable.has(term.column))
        ? sql`(${column} ${sql.raw(desc ? '<' : '>')} ${value} or ${column} is null)`
        : sql`${column} ${sql.raw(desc ? '<' : '>')} ${value}`
    const equal = ordering.terms
      .slice(0, i)
      .map((before, j) =>
        isNull(values[j]) ? sql`${termSql(before)} is null` : sql`${termSql(before)} = ${values[j]}`,
      )
    return sql`(${sql.join([...equal, after], sql` and `)})`
  })
  return sql<boolean>`(${sql.join(alternatives, sql` or `)})`
}

function termSql(term: OrderTerm): RawBuilder<unknown> {
  return term.computed ? computedSql(term.computed) : columnId(term.column)
}
