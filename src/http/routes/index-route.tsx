import { readsOf } from '../reads-of.js'
import type { Context, Hono } from 'hono'
import { IndexPage } from '../../../views/pages/index-page.js'
import type { IndexEntry } from '../../../views/view-model.js'
import { formatCount, type RowCount } from '../../list/count-rows.js'
import { countTables } from '../../list/count-tables.js'
import { loadRowEstimates } from '../../list/row-estimates.js'
import { readAuditFeed } from '../../audit/audit-feed.js'
import { ScopeFailed, scopedRows } from '../../records/scoped-from.js'
import type { AdminEnv } from '../admin-context.js'
import { auditRows } from '../audit-view-model.js'
import { databaseFault, scopeRefused } from '../errors.js'
import { renderPage } from '../render-page.js'
import { visibleResources, visibleTables } from './table-route-helpers.js'

// The index counts every table; each count gets this long before it shows as unknown.
const countTimeoutMs = 2_000
// As Django's index: the latest few changes, each linked to its record's history.
const recentActions = 10

/** Every table and view by schema, with row counts: estimates (`~`) on big tables, capped counts elsewhere. */
export async function showIndex(c: Context<AdminEnv>): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const resources = visibleResources(c).all
  // One catalog query for every estimate, then one statement counting the tables it does not cover.
  const estimates = await loadRowEstimates(readsOf(c), admin.dialect).catch((error: unknown) => {
    // Without estimates every table is counted, capped: slower, still right.
    admin.logger.warn('steward: could not read the row estimates:', error)
    return new Map<string, number>()
  })
  // A scoped table counts only the rows this user may see; one whose scope throws shows "?".
  const user = c.get('principal')
  const targets = resources.map((resource) => {
    if (!resource.scope) return resource.table
    try {
      return { ...resource.table, rows: scopedRows(readsOf(c), resource, user) }
    } catch (error) {
      if (!(error instanceof ScopeFailed)) throw error
      scopeRefused(error, admin.logger)
      return null
    }
  })
  const countable = targets.flatMap((target) => (target ? [target] : []))
  const counted = await countTables(readsOf(c), admin.dialect, countable, {
    estimates,
    timeoutMs: countTimeoutMs,
    slowCounts: admin.slowCounts,
  })
  const counts = targets.map((target): PromiseSettledResult<RowCount> | null => (target ? counted.shift()! : null))
  const groups = new Map<string, IndexEntry[]>()
  for (const [i, resource] of resources.entries()) {
    const { table } = resource
    let countText = '?'
    let countTitle = 'could not be counted'
    const result = counts[i]!
    if (result === null) {
      // The table's scope failed (logged): its count is unknown, as for a table that cannot be counted.
    } else if (result.status === 'fulfilled') {
      const count = result.value
      countText = formatCount(count)
      countTitle =
        count.precision === 'estimate'
          ? 'estimated by the database'
          : count.precision === 'at-least'
            ? 'at least this many'
            : 'exact'
      // Counting was slow here, so the count of a moment ago is shown (see `SlowCountCache`).
      if (count.countedAt !== undefined)
        countTitle += `, counted ${Math.max(0, Math.round((admin.now() - count.countedAt) / 1000))} s ago`
    } else {
      // A table that cannot be counted shows "?"; a database that is down or busy fails the page (503).
      const mapped = admin.dialect.mapError(result.reason)
      if (!mapped || databaseFault(mapped)) throw result.reason
    }
    const entries = groups.get(table.schema) ?? []
    entries.push({
      label: resource.label,
      name: table.name,
      href: urls.list(table),
      kindLabel: table.type,
      countText,
      countTitle,
      readOnly: resource.readOnly,
    })
    groups.set(table.schema, entries)
  }
  const visible = visibleResources(c)
  const recent = admin.audit
    ? await readAuditFeed(admin.db, admin.audit, {
        filter: {},
        tables: visibleTables(c),
        limit: recentActions,
      })
    : null
  return renderPage(
    c,
    { title: 'All tables', crumbs: [] },
    <IndexPage
      model={{
        groups: [...groups].map(([schema, entries]) => ({ schema, entries })),
        recent: recent ? { rows: auditRows(recent, visible, urls), allHref: urls.audit() } : null,
        search: { action: urls.search(), q: '' },
      }}
    />,
  )
}

export function registerIndexRoute(app: Hono<AdminEnv>): void {
  app.get('/', showIndex)
}
