import type { Context } from 'hono'
import type { Action, TableName } from '../../auth/permissions.js'
import { visibleIndex, type ResourceIndex } from '../../resources/resource-index.js'
import { decodeRecordRef, isDigested } from '../../records/record-ref.js'
import { resolveRecordRef, type RecordTarget } from '../../records/resolve-record-ref.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { databaseFault, HttpError, notFound, valueRefused } from '../errors.js'
import { nameOfSegment } from '../urls.js'
import type { Crumb } from '../../../views/view-model.js'

const verbs: Readonly<Record<string, string>> = {
  add: 'add rows to',
  change: 'change rows of',
  delete: 'delete rows of',
  export: 'export',
}

/**
 * The resource named by the `:schema/:table` segments, for a route that takes `action` on it: the one
 * place a route learns its table, so it is also where permissions are asked. A table the user may not
 * view is a 404, indistinguishable from one that does not exist; another action they may not take is a 403.
 */
export function resourceFor(c: Context<AdminEnv>, action: Action): Resource {
  const schema = nameOfSegment(c.req.param('schema') ?? '')
  const table = nameOfSegment(c.req.param('table') ?? '')
  const resource = c.get('admin').resources.get(schema, table)
  if (!resource || !allowed(c, 'view', resource.table))
    throw notFound(`There is no table or view "${schema}.${table}" in this admin.`)
  if (!allowed(c, action, resource.table)) {
    const verb = verbs[action] ?? `run "${action}" on`
    throw new HttpError(403, 'Not allowed', `Your role does not allow you to ${verb} ${resource.label}.`)
  }
  return resource
}

/** Whether this request's user may take `action` on `table` (for links and buttons; routes use `resourceFor`). */
export function allowed(c: Context<AdminEnv>, action: Action, table: TableName): boolean {
  return c.get('admin').can(c.get('principal'), action, table)
}

/** What this request's user may do, for view models deciding which links and buttons to draw. */
export type May = (action: Action, table: TableName) => boolean

/** The tables this request's user may view (see `visibleIndex`): what pages list, link and label. */
export function visibleResources(c: Context<AdminEnv>): ResourceIndex {
  // A page asks several times (navigation, list, labels): one answer per request, kept with the request. Not in a
  // WeakMap keyed by the context: V8's young-generation collections keep such an entry's key and value alive, and
  // with them the whole request, its page included, until the next full collection (issue 9).
  let visible = c.get('visible') as ResourceIndex | undefined
  if (!visible) {
    visible = visibleIndex(c.get('admin').resources, (table) => allowed(c, 'view', table))
    c.set('visible', visible)
  }
  return visible
}

/** The tables a feed of changes may show this user: `all` when nothing is hidden from them (no filter to run). */
export function visibleTables(c: Context<AdminEnv>): readonly TableName[] | 'all' {
  const visible = visibleResources(c).all
  return visible.length === c.get('admin').resources.all.length ? 'all' : visible.map((resource) => resource.table)
}

export function mayFor(c: Context<AdminEnv>): May {
  return (action, table) => allowed(c, action, table)
}

/** The row a `:key` segment (as the router gives it, percent-decoded) names; undefined when it can name none. */
export async function recordTargetOf(
  c: Context<AdminEnv>,
  resource: Resource,
  text: string,
): Promise<RecordTarget | undefined> {
  const ref = decodeRecordRef(text)
  if (!ref) return undefined
  const admin = c.get('admin')
  if (ref.by === 'rowid' || !ref.parts.some(isDigested))
    return resolveRecordRef(admin.db, resource, ref, admin.dialect.name)
  // A digested value is looked up by its prefix, which no index serves: bounded in time like a list query.
  return admin.dialect
    .withStatementTimeout(admin.db, admin.statementTimeoutMs, (trx) =>
      resolveRecordRef(trx, resource, ref, admin.dialect.name),
    )
    .catch((error: unknown) => {
      throw describeQueryFailure(c, resource, error)
    })
}

export function tableCrumbs(c: Context<AdminEnv>, resource: Resource): Crumb[] {
  const urls = c.get('urls')
  return [
    { label: 'Home', href: urls.index() },
    { label: resource.table.schema },
    { label: resource.label, href: urls.list(resource.table) },
  ]
}

export const driftBanner =
  'This table has changed in the database since Steward was generated: it is shown read-only. Run "steward generate" to update.'

/**
 * A failed query as a message for its own page: a timeout says so; anything else (a view over a dropped
 * table, a permission error) says the object could not be read. The driver's text goes to the log only.
 */
export function describeQueryFailure(c: Context<AdminEnv>, resource: Resource, error: unknown): HttpError {
  const mapped = c.get('admin').dialect.mapError(error)
  if (!mapped) throw error
  // Not this page's fault: the one error handler answers 503 with Retry-After, as for every page.
  const fault = databaseFault(mapped)
  if (fault) throw fault
  const what = resource.table.type === 'table' ? 'table' : resource.table.type
  if (mapped.code === 'timeout') {
    const seconds = Math.round(c.get('admin').statementTimeoutMs / 100) / 10
    return new HttpError(
      503,
      'Query took too long',
      `Reading this ${what} took longer than ${seconds} s and was stopped. Narrow it down with a filter or a search, or sort on another column.`,
    )
  }
  const { logger } = c.get('admin')
  if (mapped.code === 'invalid_value' && carriesValues(c)) return valueRefused(error, logger)
  logger.error(`steward: reading ${resource.id} failed:`, error)
  return new HttpError(
    500,
    `Cannot read ${resource.label}`,
    `The database could not read this ${what}. It may refer to a table or column that no longer exists, or the database user may lack permission. The details are in the server log.`,
  )
}

/** A key in the path, or a search, filter or cursor in the query: values the database may still refuse. */
function carriesValues(c: Context<AdminEnv>): boolean {
  return c.req.param('key') !== undefined || new URL(c.req.url).search !== ''
}
