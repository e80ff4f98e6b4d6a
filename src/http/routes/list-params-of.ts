import type { Context } from 'hono'
import { backPairs, parseListBack, type ListBack } from '../../list/list-back.js'
import { parseListParams, type ListParams } from '../../list/list-params.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'
import { queryString } from '../urls.js'

/** The list's params from the request's query string, or the 400 page listing every problem with them. */
export function listParamsOf(c: Context<AdminEnv>, resource: Resource): ListParams {
  const parsed = parseListParams(new URL(c.req.url).searchParams, resource, c.get('admin').dialect.name)
  if (parsed.ok) return parsed.params
  throw new HttpError(
    400,
    'Bad list address',
    `The address of this ${resource.label} list has parameters it cannot use:`,
    parsed.problems,
    { href: c.get('urls').list(resource.table), label: `Open the ${resource.label} list without them` },
  )
}

/**
 * The list a record page was opened from (its `back` parameter, or the `back` field `posted` by a list's selection
 * form), or null for the plain list (see `parseListBack`).
 */
export function listBackOf(c: Context<AdminEnv>, resource: Resource, posted?: string): ListBack | null {
  return parseListBack(posted ?? c.req.query('back'), resource, c.get('admin').dialect.name)
}

/** `?back=…` for a record page's links and form actions, or '' when the list is the plain one. */
export function backSuffix(back: ListBack | null): string {
  return queryString(backPairs(back))
}
