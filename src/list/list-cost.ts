import { indexLeadingColumns } from '../introspect/index-leading-columns.js'
import type { Resource } from '../resources/resource.js'
import type { ListParams } from './list-params.js'
import { resolveOrdering } from './ordering.js'

/** Why a list page may read much of its table: it then runs as a search does (see `costlyList`). */
export type ListCost = 'search' | 'sort' | 'filter'

/**
 * Whether a list page may have to read much of its table before it can show its first rows: a search; or, on a
 * big table (see `isBigTable`: by the planner's estimate, or counted when never analysed), a sort or a filter that no
 * index starts with (the database sorts, or tests, every row). Such a page runs as a search does: under a permit of the
 * process's expensive-statement cap, and on SQLite off the main thread. Null for a page an index answers.
 */
export function costlyList(
  resource: Resource,
  params: Pick<ListParams, 'q' | 'sort' | 'filters'>,
  options: { readonly big: boolean },
): ListCost | null {
  if (params.q) return 'search'
  if (!options.big) return null
  const led = leadingColumns(resource)
  const [first] = resolveOrdering(resource, params.sort).terms
  if (first && (first.computed || !led.has(first.column))) return 'sort'
  if (params.filters.some((filter) => !led.has(filter.column))) return 'filter'
  return null
}

/** Columns an index starts with; a rowid table's rowid is its own index. */
export function leadingColumns(resource: Resource): Set<string> {
  const leading = indexLeadingColumns(resource.table)
  const [first] = resource.key.columns
  if (resource.key.type !== 'columns' && first !== undefined) leading.add(first)
  return leading
}
