import { sql, type Expression, type Kysely } from 'kysely'
import type { Resource } from '../resources/resource.js'
import { cappedCount, countCap, type RowCount } from './count-rows.js'
import { listWhere, type WhereContext } from './filters.js'
import { leadingColumns } from './list-cost.js'
import type { Filter } from './list-params.js'
import type { Ordering } from './ordering.js'

interface CandidateOptions {
  /** The table's estimated rows. */
  readonly rows: number | undefined
  /** The rows the page reads (its size, one more, and the offset). */
  readonly limit: number
  /** Rows per value of each analysed index's first column, by index name (see `Dialect.readIndexSpreads`). */
  readonly spreads: ReadonlyMap<string, number>
}

/**
 * The text columns whose equality filter a list page should test row by row while it reads in the order of an index,
 * rather than look its value up through the column's own index and then sort every match. A planner that does not
 * weigh the LIMIT (SQLite) takes the filter's index whenever there is one: for a common value (`status = 'shipped'`,
 * 62k of 100k orders) it sorts all the matches to show 50 (50 ms a page), where reading the ordering's index and
 * keeping the matches stops after ~80 rows (0.15 ms). For a rare value the lookup is right and stays.
 *
 * A filter is scanned when the order's first column leads an index (or is the rowid key), no index on the filter's
 * column already lists its rows in that order, the filter's own index holds `rowsPerValue` rows per value, and
 * `rowsPerValue² > limit × rows`: sorting one value's rows would cost more
 * than reading `limit × rows / rowsPerValue` rows in order. Only columns of text affinity compared with text (the
 * index-avoiding `+` of SQLite drops a column's affinity, which changes nothing there), never a computed field.
 */
function candidateFilters(
  resource: Resource,
  filters: readonly Filter[],
  ordering: Ordering,
  options: CandidateOptions,
): ReadonlySet<string> {
  const scanned = new Set<string>()
  const [first] = ordering.terms
  if (!options.rows || options.spreads.size === 0 || !first || first.computed) return scanned
  if (!leadingColumns(resource).has(first.column)) return scanned
  for (const filter of filters) {
    if (filter.op !== 'eq' || filter.column === first.column) continue
    const column = resource.table.columns.find((c) => c.name === filter.column)
    if (!column || !textAffinity(column.baseType) || !filter.values.every((value) => typeof value === 'string'))
      continue
    // A value found through a unique index is one row: nothing to sort.
    if (resource.table.uniques.some((unique) => unique.columns[0] === column.name)) continue
    if (resource.table.primaryKey[0] === column.name) continue
    // An index on the column that also sorts by the order's column already reads the page in order.
    if (servesOrder(resource, column.name, first.column)) continue
    // The most selective index on the column is the one the planner would take.
    const spreads = resource.table.indexes
      .filter((index) => !index.partial && index.columns[0] === column.name)
      .map((index) => options.spreads.get(index.name))
    if (spreads.length === 0 || spreads.some((spread) => spread === undefined)) continue
    const perValue = Math.min(...(spreads as number[])) * filter.values.length
    if (perValue * perValue > options.limit * options.rows) scanned.add(column.name)
  }
  return scanned
}

/** What `scannedFilters` decided: the columns to test row by row, and the page's count when deciding gave it. */
export interface ReadInOrder {
  readonly scanned: ReadonlySet<string>
  /** The page's row count, when its only filter was counted to decide (the page need not count again). */
  readonly count: RowCount | null
}

/**
 * The candidates (see `candidateFilters`) whose filtered value is common on this page's terms. The statistics give an
 * average, so each candidate's rows are counted through its index, never past `√(limit × rows)` (where sorting them
 * starts to cost more than reading in order); a value that reaches the bound is read in order. A skewed column (a
 * status that is rare among common ones) keeps its lookup: reading in order until 50 of its rows turn up could read
 * the whole table. When that filter is the page's only condition, its count is the page's count, capped as
 * `countRows` caps it: one statement serves both.
 */
export async function scannedFilters(
  db: Kysely<any>,
  from: Expression<unknown>,
  resource: Resource,
  filters: readonly Filter[],
  ordering: Ordering,
  options: CandidateOptions & { readonly where: WhereContext },
): Promise<ReadInOrder> {
  const candidates = candidateFilters(resource, filters, ordering, options)
  const scanned = new Set<string>()
  let count: RowCount | null = null
  if (candidates.size === 0 || !options.rows) return { scanned, count }
  const bound = Math.ceil(Math.sqrt(options.limit * options.rows))
  for (const filter of filters) {
    if (!candidates.has(filter.column)) continue
    const alone = filters.length === 1 && bound <= countCap
    const condition = listWhere(resource, { q: '', filters: [filter] }, options.where)
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from (select 1 from ${from} where ${condition}
      limit ${alone ? countCap + 1 : bound}) capped`.execute(db)
    const n = Number(rows[0]?.n ?? 0)
    if (alone) count = cappedCount(n)
    if (n >= bound) scanned.add(filter.column)
  }
  return { scanned, count }
}

/**
 * Whether some index on `column` lists its rows in `order` within one value: `(column, order, …)`, or `(column)` alone
 * when `order` is the single-column key (an index entry ends with the rowid, or a WITHOUT ROWID table's key).
 */
function servesOrder(resource: Resource, column: string, order: string): boolean {
  const { table } = resource
  const keyOrder =
    (table.primaryKey.length === 1 && table.primaryKey[0] === order) ||
    (resource.key.type === 'rowid' && resource.key.columns[0] === order)
  return table.indexes.some(
    (index) => index.columns[0] === column && (index.columns[1] === order || (keyOrder && index.columns.length === 1)),
  )
}

/**
 * Whether a declared type gives a column text affinity by SQLite's rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity):
 * it names CHAR, CLOB or TEXT and not INT. Postgres lists never reach here (see `Dialect.readIndexSpreads`).
 */
function textAffinity(declared: string): boolean {
  return /CHAR|CLOB|TEXT/i.test(declared) && !/INT/i.test(declared)
}
