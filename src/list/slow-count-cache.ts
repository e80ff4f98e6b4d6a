import type { RowCount } from './count-rows.js'

/**
 * Whole-table counts kept from a count that was slow: the index counts every table it has no estimate for (a
 * view, a table never analysed), and on a database where that takes long (a view that aggregates a big table)
 * it would otherwise pay it on every visit. A count that came back quickly is never kept, so small databases
 * stay exact. A kept count is at most `ttlMs` old, and `clear` drops them all after a write made here.
 */
export interface SlowCountCache {
  /** The table's kept count, with when it was made (`countedAt`), if it is fresh. */
  get(key: string): RowCount | undefined
  /**
   * Runs `counting`, whose answers are the counts of the tables `keys` name in order, and keeps them when it took
   * `slowMs` (25 ms) or more; a table whose key is undefined (a scoped one: its count is the user's) is never kept.
   */
  count(
    keys: readonly (string | undefined)[],
    counting: () => Promise<readonly RowCount[]>,
  ): Promise<readonly RowCount[]>
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
  const slowMs = options.slowMs ?? 25
  const ttlMs = options.ttlMs ?? 60_000
  const maxEntries = options.maxEntries ?? 10_000
  const now = options.now ?? Date.now
  const kept = new Map<string, { readonly count: RowCount; readonly at: number }>()
  return {
    get(key) {
      const entry = kept.get(key)
      if (!entry) return undefined
      if (now() - entry.at <= ttlMs) return { ...entry.count, countedAt: entry.at }
      kept.delete(key)
      return undefined
    },
    async count(keys, counting) {
      const started = performance.now()
      const counts = await counting()
      if (performance.now() - started < slowMs) return counts
      const at = now()
      keys.forEach((key, i) => {
        if (key === undefined) return
        kept.delete(key)
        if (kept.size >= maxEntries) kept.delete(kept.keys().next().value as string)
        kept.set(key, { count: counts[i]!, at })
      })
      return counts
    },
    clear() {
      kept.clear()
    },
  }
}
