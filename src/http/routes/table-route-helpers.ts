import type { Context } from 'hono'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { databaseFault, HttpError, notFound } from '../errors.js'
import type { Crumb } from '../../../views/view-model.js'

/** The resource named by the `:schema/:table` segments, or a 404 page saying which table is unknown. */
export function resourceFor(c: Context<AdminEnv>): Resource {
  const schema = c.req.param('schema') ?? ''
  const table = c.req.param('table') ?? ''
  const resource = c.get('admin').resources.get(schema, table)
  if (!resource) throw notFound(`There is no table or view "${schema}.${table}" in this admin.`)
  return resource
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
  console.error(`steward: reading ${resource.id} failed:`, error)
  return new HttpError(
    500,
    `Cannot read ${resource.label}`,
    `The database could not read this ${what}. It may refer to a table or column that no longer exists, or the database user may lack permission. The details are in the server log.`,
  )
}
