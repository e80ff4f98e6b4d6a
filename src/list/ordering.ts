import type { ComputedField, Resource, SortTerm } from '../resources/resource.js'

/** A term of the ORDER BY: a column, or a computed column (ordered by its expression). */
export interface OrderTerm extends SortTerm {
  readonly computed?: ComputedField
}

export interface Ordering {
  /** ORDER BY terms; always ends in something unique so that pages never overlap or skip rows. */
  readonly terms: readonly OrderTerm[]
  /** True when the terms are one unique, NOT NULL set in one direction: pages go by position (keyset), not OFFSET. */
  readonly keyset: boolean
}

/**
 * The ordering of a list: the user's sort, else the configured (or inferred, newest first) ordering, else the key;
 * the key is appended so pages are stable. Sorting on the key or on a unique NOT NULL column allows keyset
 * pagination (`where (cols) > (last row's values)`), which costs the same on page 20,000 as on page 1.
 */
export function resolveOrdering(resource: Resource, sort: SortTerm | null): Ordering {
  const key = resource.key
  // A computed term is never unique: it pages by OFFSET, with the key appended.
  const base: readonly OrderTerm[] = (
    sort
      ? [sort]
      : resource.ordering.length > 0
        ? resource.ordering
        : key.columns.map((column) => ({ column, desc: false }))
  ).map((term) => {
    const computed = resource.computed.find((field) => field.name === term.column)
    return computed ? { ...term, computed } : term
  })
  const uniqueKey = key.type !== 'columns'
  const [first] = base
  if (uniqueKey && first && base.length === 1 && uniqueSingleColumns(resource).has(first.column)) {
    return { terms: [first], keyset: true }
  }
  if (
    uniqueKey &&
    first &&
    base.length === key.columns.length &&
    base.every((term, i) => term.column === key.columns[i] && term.desc === first.desc)
  ) {
    return { terms: base, keyset: true }
  }
  const used = new Set(base.map((term) => term.column))
  // The default ordering (configured, or newest first) by NOT NULL columns in one direction: the key follows in
  // that direction too, and the list pages by keyset, so a big table's newest-first list costs the same on every
  // page. A user's sort keeps the key ascending after it and pages by OFFSET, as it always has.
  const notNull = new Set(resource.table.columns.filter((c) => !c.nullable).map((c) => c.name))
  if (
    !sort &&
    uniqueKey &&
    first &&
    !key.nullRowid &&
    base.every((term) => !term.computed && term.desc === first.desc && notNull.has(term.column))
  ) {
    const sameWay = key.columns.filter((column) => !used.has(column)).map((column) => ({ column, desc: first.desc }))
    return { terms: [...base, ...sameWay], keyset: true }
  }
  const tail = key.columns.filter((column) => !used.has(column)).map((column) => ({ column, desc: false }))
  return { terms: [...base, ...tail], keyset: false }
}

/** Columns whose values alone identify a row and are never NULL. */
function uniqueSingleColumns(resource: Resource): Set<string> {
  const { table, key } = resource
  const notNull = new Set(table.columns.filter((column) => !column.nullable).map((column) => column.name))
  const names = new Set<string>()
  if (key.type !== 'columns' && key.columns.length === 1 && key.columns[0]) names.add(key.columns[0])
  for (const unique of [...table.uniques, ...table.indexes.filter((index) => index.unique && !index.partial)]) {
    const [only] = unique.columns
    if (unique.columns.length === 1 && only && notNull.has(only)) names.add(only)
  }
  return names
}
