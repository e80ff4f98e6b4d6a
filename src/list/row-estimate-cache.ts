import type { Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import { estimateKey, loadRowEstimates } from './row-estimates.js'

/** The planner's row estimates of every table, read at most once per `ttlMs`: what a request needs to know before it reads. */
export interface RowEstimateCache {
  /** A table's estimate, undefined when it has none (never analysed) or the catalog could not be read. */
  estimateOf(
    db: Kysely<any>,
    dialect: Dialect,
    table: { readonly schema: string; readonly name: string },
  ): Promise<number | undefined>
}

/**
 * One catalog query for every table, kept `ttlMs` (60 s): estimates move slowly, and a page that asks before each
 * list would otherwise pay a statement for them. Concurrent callers share one read; a failed read is not kept.
 */
export function createRowEstimateCache(
  options: { readonly ttlMs?: number; readonly now?: () => number } = {},
): RowEstimateCache {
  const ttlMs = options.ttlMs ?? 60_000
  const now = options.now ?? Date.now
  let kept: { readonly at: number; readonly estimates: Promise<Map<string, number>> } | null = null
  return {
    async estimateOf(db, dialect, table) {
      if (!kept || now() - kept.at > ttlMs) {
        const estimates = loadRowEstimates(db, dialect)
        const entry = { at: now(), estimates }
        kept = entry
        estimates.catch(() => {
          if (kept === entry) kept = null
        })
      }
      const estimates = await kept.estimates.catch(() => new Map<string, number>())
      return estimates.get(estimateKey(table.schema, table.name))
    },
  }
}
