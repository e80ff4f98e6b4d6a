import type { RowCount } from './count-rows.js'

/**
 * Whole-table counts kept from a count that was slow: the index counts every table it has no estimate for (a
 * view, a table never analysed), and on a database where that takes long (a view that aggregates a big table)
 * it would otherwise pay it on every visit. A count that came back quickly is never kept, so small databases
 * stay exact. A kept count is at most `ttlMs` old, and `clear` drops them all after a write made here.
 */
export interface SlowCountCache {
  /** Counting that took at least this long is kept. */
  readonly slowMs: number
  /** The table's kept count, if it is fresh. */
  get(key: string): RowCount | undefined
  keep(counts: ReadonlyMap<string, RowCount>): void
  clear(): void
}

export function createSlowCountCache(
  options: {
    readonly slowMs?: number
    readonly ttlMs?: number
    readonly maxEntries?: number
    readonly now?: () => number
  } = {},
): SlowCountCache {
  const ttlMs = options.ttlMs ?? 60_000
  const maxEntries = options.maxEntries ?? 10_000
  const now = options.now ?? Date.now
  const kept = new Map<string, { readonly count: RowCount; readonly at: number }>()
  return {
    slowMs: options.slowMs ?? 25,
    get(key) {
      const entry = kept.get(key)
      if (!entry) return undefined
      if (now() - entry.at <= ttlMs) return { ...entry.count, countedAt: entry.at }
      kept.delete(key)
      return undefined
    },
    keep(counts) {
      const at = now()
      for (const [key, count] of counts) {
        kept.delete(key)
        if (kept.size >= maxEntries) kept.delete(kept.keys().next().value as string)
        kept.set(key, { count, at })
      }
    },
    clear() {
      kept.clear()
    },
  }
}
