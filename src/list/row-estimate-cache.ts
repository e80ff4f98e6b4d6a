import type { Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Table } from '../introspect/metadata.js'
import { isBigTable, type TableSize } from './big-table.js'
import { estimateKey, loadRowEstimates } from './row-estimates.js'

/** The planner's row estimates of every table, read at most once per `ttlMs`: what a request needs to know before it reads. */
export interface RowEstimateCache {
  /** A table's estimate, undefined when it has none (never analysed) or the catalog could not be read. */
  estimateOf(
    db: Kysely<any>,
    dialect: Dialect,
    table: { readonly schema: string; readonly name: string },
  ): Promise<number | undefined>
  /** The rows per value of each analysed index of a table, by index name (see `scannedFilters`); read with the estimates' rules. */
  indexSpreadsOf(
    db: Kysely<any>,
    dialect: Dialect,
    table: { readonly schema: string; readonly name: string },
  ): Promise<ReadonlyMap<string, number>>
  /**
   * A table's estimate and whether it is big (see `isBigTable`). A table without an estimate is counted, capped at
   * `threshold + 1`, in one statement under `timeoutMs`; that answer is kept `ttlMs` too. A count that fails is not
   * kept, and the table is then taken to be big: its page reads where a long statement holds up nothing else (and
   * fails there readably, if the database is what failed). Never rejects.
   */
  sizeOf(
    db: Kysely<any>,
    dialect: Dialect,
    table: Pick<Table, 'schema' | 'name' | 'type'>,
    options: { readonly threshold: number; readonly timeoutMs: number },
  ): Promise<TableSize>
}

interface Kept<T> {
  readonly at: number
  readonly value: Promise<T>
}

/**
 * One catalog query for every table, kept `ttlMs` (60 s): estimates move slowly, and a page that asks before each
 * list would otherwise pay a statement for them. Likewise one capped count per table never analysed. Concurrent
 * callers share one read; a failed read is not kept.
 */
export function createRowEstimateCache(
  options: { readonly ttlMs?: number; readonly now?: () => number } = {},
): RowEstimateCache {
  const ttlMs = options.ttlMs ?? 60_000
  const now = options.now ?? Date.now
  const estimates = new Map<string, Kept<Map<string, number>>>()
  const counted = new Map<string, Kept<boolean>>()

  /** The kept value at `key` if it is fresh, else `read`'s, kept from now on unless it fails. */
  function keep<T>(entries: Map<string, Kept<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const found = entries.get(key)
    if (found && now() - found.at <= ttlMs) return found.value
    const entry = { at: now(), value: read() }
    entries.set(key, entry)
    entry.value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key)
    })
    return entry.value
  }

  const spreads = new Map<string, Kept<Map<string, Map<string, number>>>>()
  const cache: RowEstimateCache = {
    async indexSpreadsOf(db, dialect, table) {
      const byTable = await keep(spreads, 'all', async () => {
        const found = new Map<string, Map<string, number>>()
        for (const spread of await dialect.readIndexSpreads(db)) {
          const key = estimateKey(spread.schema, spread.table)
          found.set(key, (found.get(key) ?? new Map<string, number>()).set(spread.index, spread.rowsPerValue))
        }
        return found
      }).catch(() => new Map<string, Map<string, number>>())
      return byTable.get(estimateKey(table.schema, table.name)) ?? new Map<string, number>()
    },
    async estimateOf(db, dialect, table) {
      const all = await keep(estimates, 'all', () => loadRowEstimates(db, dialect)).catch(
        () => new Map<string, number>(),
      )
      return all.get(estimateKey(table.schema, table.name))
    },
    async sizeOf(db, dialect, table, { threshold, timeoutMs }) {
      // A view is never big (see `isBigTable`): not even its estimate is needed.
      if (table.type === 'view') return { estimate: undefined, big: false }
      const estimate = await cache.estimateOf(db, dialect, table)
      const decide = () => isBigTable(db, table, { estimate, threshold, timed: { dialect, ms: timeoutMs } })
      if (estimate !== undefined) return { estimate, big: await decide() }
      // Only a table never analysed costs a statement (its capped count): that answer is kept as the estimates are.
      const big = await keep(counted, JSON.stringify([table.schema, table.name, threshold]), decide).catch(() => true)
      return { estimate, big }
    },
  }
  return cache
}
