import type { Resource } from '../resources/resource.js'
import type { ListParams } from './list-params.js'

type Pair = readonly [string, string]

/** A list's state as URL pairs, minus its position: what every link on the page starts from. */
export interface ListState {
  readonly filters: readonly Pair[]
  readonly q: string
  readonly searchAll: boolean
  readonly sort: string | null
  readonly size: number | null
}

export function listState(resource: Resource, params: ListParams): ListState {
  return {
    filters: params.filters.flatMap((filter) =>
      filter.raw.map((raw): Pair => [filterParam(filter.column, filter.op), raw]),
    ),
    q: params.q,
    searchAll: params.searchAll,
    sort: params.sort ? `${params.sort.desc ? '-' : ''}${params.sort.column}` : null,
    size: params.size === resource.pageSize ? null : params.size,
  }
}

export function filterParam(column: string, op: 'eq' | 'gte' | 'lte' | 'null'): string {
  return op === 'eq' ? `f.${column}` : `f.${column}.${op}`
}

/**
 * The one place list links are built (as Django's `get_query_string`): the state with some parts
 * changed, always in the same order, so equal lists have equal URLs. Changing anything but the
 * position starts again at the first page.
 */
export function listQuery(
  state: ListState,
  position: { readonly page?: number; readonly after?: string; readonly before?: string } = {},
): Pair[] {
  const pairs: Pair[] = [...state.filters]
  if (state.q) pairs.push(['q', state.q])
  if (state.q && state.searchAll) pairs.push(['search', 'all'])
  if (state.sort) pairs.push(['sort', state.sort])
  if (state.size !== null) pairs.push(['size', String(state.size)])
  if (position.page !== undefined && position.page > 1) pairs.push(['page', String(position.page)])
  if (position.after !== undefined) pairs.push(['after', position.after])
  if (position.before !== undefined) pairs.push(['before', position.before])
  return pairs
}
