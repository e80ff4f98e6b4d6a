import { sql, type Expression, type Kysely } from 'kysely'
import { isTransient } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import type { Table } from '../introspect/metadata.js'
import { cappedCount, countCap, type RowCount } from './count-rows.js'
import { estimateKey } from './row-estimates.js'
import type { SlowCountCache } from './slow-count-cache.js'
import { tableId } from './sql-identifiers.js'

/** A table to count; `rows`: its scoped rows (see `rowSource`), counted whatever the estimate says. */
type TableRef = Pick<Table, 'schema' | 'name'> & { readonly rows?: Expression<unknown> }

export interface CountTablesOptions {
  /** Planner estimates by `estimateKey` (see `loadRowEstimates`). */
  readonly estimates: ReadonlyMap<string, number>
  /** How long the counting may take before it is cancelled. */
  readonly timeoutMs: number
  /** Counts kept from a slow count (see `SlowCountCache`): a table found there is not counted again; a slow count is kept. */
  readonly slowCounts?: SlowCountCache
}

/**
 * Whole-table counts as `countRows` gives them, for many tables at once and in the order given: a table the
 * planner estimates above the cap shows that estimate, without a statement; the others are counted, capped,
 * in one statement under one timeout (see `Dialect.timedStatement`). When that statement fails over one table (a broken view, a timeout),
 * each is counted on its own, so only the ones that cannot be counted fail; a database that is down or busy
 * fails the whole call. With `slowCounts`, a table counted slowly a moment ago is not counted again (a scoped
 * table, whose count is the user's, always is).
 */
export async function countTables(
  db: Kysely<any>,
  dialect: Dialect,
  tables: readonly TableRef[],
  options: CountTablesOptions,
): Promise<PromiseSettledResult<RowCount>[]> {
  // The catalog's estimate is of the whole table: a scoped one is counted (capped) instead.
  const estimates = tables.map((table) =>
    table.rows ? undefined : options.estimates.get(estimateKey(table.schema, table.name)),
  )
  const results = estimates.map((estimate): PromiseSettledResult<RowCount> => ({
    status: 'fulfilled',
    value: { value: estimate ?? 0, precision: 'estimate' },
  }))
  const { slowCounts } = options
  const keyOf = (table: TableRef) => (table.rows ? undefined : estimateKey(table.schema, table.name))
  const counted = estimates.flatMap((estimate, i) => {
    if (estimate !== undefined && estimate > countCap) return []
    const key = keyOf(tables[i]!)
    const kept = key === undefined ? undefined : slowCounts?.get(key)
    if (kept === undefined) return [i]
    results[i] = { status: 'fulfilled', value: kept }
    return []
  })
  if (counted.length === 0) return results
  const count = (some: readonly TableRef[]) => countTogether(db, dialect, some, options.timeoutMs)
  try {
    const together = () => count(counted.map((i) => tables[i]!))
    const counts = slowCounts
      ? await slowCounts.count(
          counted.map((i) => keyOf(tables[i]!)),
          together,
        )
      : await together()
    counted.forEach((i, n) => (results[i] = { status: 'fulfilled', value: counts[n]! }))
  } catch (error) {
    const mapped = dialect.mapError(error)
    if (!mapped || isTransient(mapped)) throw error
    for (const i of counted) {
      try {
        results[i] = { status: 'fulfilled', value: (await count([tables[i]!]))[0]! }
      } catch (reason) {
        results[i] = { status: 'rejected', reason }
      }
    }
  }
  return results
}

/**
 * One statement, a capped count per table: `select (select count(*) from (select 1 from t limit 10001) capped) as
 * c0, …`. It binds no parameter unless a table's scope does, so on Postgres it goes with its timeout in one round trip.
 */
async function countTogether(
  db: Kysely<any>,
  dialect: Dialect,
  tables: readonly TableRef[],
  timeoutMs: number,
): Promise<RowCount[]> {
  const columns = tables.map(
    (table, i) =>
      sql`(select count(*) from (select 1 from ${table.rows ?? tableId(table)} limit ${sql.lit(countCap + 1)}) capped) as ${sql.id(`c${i}`)}`,
  )
  const { rows } = await dialect.timedStatement(
    db,
    timeoutMs,
    sql<Record<string, unknown>>`select ${sql.join(columns)}`,
  )
  return tables.map((_, i) => cappedCount(Number(rows[0]?.[`c${i}`] ?? 0)))
}
