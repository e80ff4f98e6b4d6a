import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Table } from '../introspect/metadata.js'
import { estimateKey, loadRowEstimates } from './row-estimates.js'
import { tableId } from './sql-identifiers.js'

/** Above this many rows a table is searched only where an index answers (equality, prefix); config `search.bigTableRows`. */
export const defaultBigTableRows = 100_000

/** How big a table is, as every page that must choose between a full read and an indexed one decides it. */
export interface TableSize {
  /** The planner's row estimate; undefined for a table never analysed (and for a view). */
  readonly estimate: number | undefined
  /** More than the threshold rows (see `isBigTable`). */
  readonly big: boolean
}

export interface BigTableOptions {
  /** The table's planner estimate (see `loadRowEstimates`), undefined when it has none. */
  readonly estimate: number | undefined
  /** See `defaultBigTableRows`. */
  readonly threshold: number
  /** Counts in one statement under this timeout (see `Dialect.timedStatement`); without it, `db` is already timed. */
  readonly timed?: { readonly dialect: Dialect; readonly ms: number }
}

type SizedTable = Pick<Table, 'schema' | 'name' | 'type'>

/**
 * Whether a table holds more than `threshold` rows: by the planner's estimate, or, for a table never analysed (SQLite
 * has no estimate at all until someone runs ANALYZE), by counting, but never past the threshold. A view is never big:
 * its cost cannot be told from its size, and counting its rows could cost what reading them would.
 * @example await isBigTable(trx, resource.table, { estimate: undefined, threshold: 100_000 })
 */
export async function isBigTable(db: Kysely<any>, table: SizedTable, options: BigTableOptions): Promise<boolean> {
  if (table.type === 'view') return false
  if (options.estimate !== undefined) return options.estimate > options.threshold
  return (await countUpTo(db, table, options.threshold + 1, options.timed)) > options.threshold
}

/** `isBigTable` with the table's estimate read first (one catalog statement), for a caller that has none at hand. */
export async function tableSize(
  db: Kysely<any>,
  dialect: Dialect,
  table: SizedTable,
  options: Omit<BigTableOptions, 'estimate'>,
): Promise<TableSize> {
  if (table.type === 'view') return { estimate: undefined, big: false }
  const estimates = await loadRowEstimates(db, dialect, table)
  const estimate = estimates.get(estimateKey(table.schema, table.name))
  return { estimate, big: await isBigTable(db, table, { ...options, estimate }) }
}

/** The table's rows, counted up to `cap` (its own rows, not a scope's: this measures what a scan would read). */
async function countUpTo(
  db: Kysely<any>,
  table: SizedTable,
  cap: number,
  timed: BigTableOptions['timed'],
): Promise<number> {
  // A literal cap: no bound parameter, so that Postgres runs it with its timeout in one round trip.
  const query = sql<{ n: number | string }>`
    select count(*) as n from (select 1 from ${tableId(table)} limit ${sql.lit(cap)}) capped`
  const { rows } = timed ? await timed.dialect.timedStatement(db, timed.ms, query) : await query.execute(db)
  return Number(rows[0]?.n ?? 0)
}
