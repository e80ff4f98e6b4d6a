/** A foreign-key filter's choices: the target's rows as (value, label), or null when there are too many to list. */
export type FilterChoices = readonly { readonly value: string; readonly label: string }[] | null

export interface FilterChoiceCache {
  get(key: string): FilterChoices | undefined
  set(key: string, choices: FilterChoices): void
}

export interface FilterChoiceCacheOptions {
  /** How long choices are served before they are read again (30 s). */
  readonly ttlMs?: number
  /** The most foreign keys kept; the oldest entry goes first (100). */
  readonly maxEntries?: number
  /** Milliseconds since the epoch; a test passes its own clock. */
  readonly now?: () => number
}

/**
 * The choices of foreign-key filters, kept for a short while so a list page does not read the referenced
 * table on every request. Choices may lag behind the database by up to `ttlMs`: a row added to the target
 * (or a label changed) shows in the drop-down that much later. Filtering itself is always on the live table.
 * Per admin instance and bounded in size; nothing is shared between processes.
 */
export function createFilterChoiceCache(options: FilterChoiceCacheOptions = {}): FilterChoiceCache {
  const ttlMs = options.ttlMs ?? 30_000
  const maxEntries = options.maxEntries ?? 100
  const now = options.now ?? Date.now
  const entries = new Map<string, { readonly choices: FilterChoices; readonly expires: number }>()
  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      if (entry.expires > now()) return entry.choices
      entries.delete(key)
      return undefined
    },
    set(key, choices) {
      entries.delete(key)
      entries.set(key, { choices, expires: now() + ttlMs })
      // A Map iterates in insertion order: the first key is the oldest entry.
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break
        entries.delete(oldest)
      }
    },
  }
}
