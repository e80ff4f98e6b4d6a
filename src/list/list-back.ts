import type { DialectName } from '../introspect/metadata.js'
import { recordKeyText } from '../records/record-key.js'
import type { Resource } from '../resources/resource.js'
import { parseListParams, type ListParams } from './list-params.js'
import { listQuery, listState } from './list-query-string.js'

type Pair = readonly [string, string]

/** The list a record page was opened from: its params, and its query string as the list writes it. */
export interface ListBack {
  readonly params: ListParams
  readonly query: readonly Pair[]
}

/** Longer than any list's own address needs; a longer `back` is not carried. */
const maxBack = 4000

/**
 * The `back` parameter of a record page: the query string of the list it was opened from (filters, search, sort,
 * page size and position). It is parsed exactly as the list parses its own address and written again from the
 * parsed params, so it can only ever name this table's list: never another page or site, nor a parameter the
 * list does not know. Null when absent, too long or not a valid list query: the page then goes back to the plain list.
 */
export function parseListBack(text: string | undefined, resource: Resource, dialect: DialectName): ListBack | null {
  if (text === undefined || text === '' || text.length > maxBack) return null
  const parsed = parseListParams(new URLSearchParams(text), resource, dialect)
  if (!parsed.ok) return null
  return { params: parsed.params, query: listBackQuery(resource, parsed.params) }
}

/** The list's query string pairs for `params`, position included: what a row link carries as `back`. */
export function listBackQuery(resource: Resource, params: ListParams): Pair[] {
  const position = params.after
    ? { after: recordKeyText(params.after) }
    : params.before
      ? { before: recordKeyText(params.before) }
      : { page: params.page }
  const pairs = listQuery(listState(resource, params), position)
  // A position too long to carry (a huge key in a cursor) is dropped: back to the list's first page instead.
  return new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString().length > maxBack
    ? listQuery(listState(resource, params))
    : pairs
}

/** `[['back', 'f.status=paid&sort=-placed_at']]`, or nothing for a plain list: the pairs a record page's links add. */
export function backPairs(back: { readonly query: readonly Pair[] } | null): Pair[] {
  if (!back || back.query.length === 0) return []
  return [['back', new URLSearchParams(back.query.map(([k, v]) => [k, v])).toString()]]
}
