import { longReadsOf } from '../reads-of.js'
import type { Context } from 'hono'
import { lookupRows } from '../../list/lookup-rows.js'
import type { AdminEnv } from '../admin-context.js'
import { resourceFor } from './table-route-helpers.js'

/**
 * `GET …/lookup?column=id&q=ali` — JSON for the foreign-key picker: rows of this table whose label
 * column contains `q` (or whose `column` equals it), as `{ results: [{ value, label }] }`, where
 * `value` is what the referencing form field should hold.
 */
export async function lookupHandler(c: Context<AdminEnv>): Promise<Response> {
  const admin = c.get('admin')
  const resource = resourceFor(c, 'view')
  const q = (c.req.query('q') ?? '').slice(0, 200)
  const columnName = c.req.query('column') ?? resource.key.columns[0] ?? ''
  const column = resource.table.columns.find((candidate) => candidate.name === columnName)
  if (!column || !resource.columns.includes(column)) return c.json({ error: 'unknown column' }, 400)
  if (!admin.expensive.tryTake()) return c.json({ error: 'too many searches are running; try again' }, 503)
  const results = await admin.dialect
    .withStatementTimeout(longReadsOf(c), admin.statementTimeoutMs, (trx) =>
      lookupRows(trx, { resource, column, q, dialect: admin.dialect, user: c.get('principal') }),
    )
    .catch((error: unknown) => {
      admin.logger.warn(`steward: the lookup in ${resource.id} failed:`, error)
      return null
    })
    .finally(() => admin.expensive.give())
  if (!results) return c.json({ error: 'the search failed or took too long' }, 503)
  c.header('Cache-Control', 'no-store')
  return c.json({ results })
}
