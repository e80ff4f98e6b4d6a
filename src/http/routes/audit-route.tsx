import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { AuditPage } from '../../../views/pages/audit-page.js'
import { readAuditFeed, type AuditFilter } from '../../audit/audit-feed.js'
import type { AdminEnv } from '../admin-context.js'
import { auditRows } from '../audit-view-model.js'
import { HttpError, notFound } from '../errors.js'
import { renderPage } from '../render-page.js'
import { queryString } from '../urls.js'
import { visibleResources, visibleTables } from './table-route-helpers.js'

const pageSize = 50
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2024-01-31')
const AuditParams = z
  .object({
    actor: z.string().max(200).optional(),
    table: z.string().max(300).optional(),
    action: z.enum(['create', 'update', 'delete', 'action']).optional(),
    from: day.optional(),
    to: day.optional(),
    before: z
      .string()
      .regex(/^\d{1,18}$/, 'an entry number')
      .optional(),
  })
  .strict()

/**
 * Every recorded change across the tables the user may view, newest first, filtered by user, table,
 * action and day; each links to its record's history. Unknown or malformed parameters are a 400.
 */
async function showAudit(c: Context<AdminEnv>): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  if (!admin.audit) throw notFound('Changes are not recorded in this admin (auditing is off).')
  const query = Object.fromEntries([...new URL(c.req.url).searchParams].filter(([, value]) => value !== ''))
  const parsed = AuditParams.safeParse(query)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter ${issue.keys.join(', ')}`
        : `"${String(issue.path[0])}": ${issue.message}`,
    )
    throw new HttpError(400, 'Bad address', 'This audit page address has parameters it cannot read.', problems, {
      href: urls.audit(),
      label: 'All changes',
    })
  }
  const params = parsed.data
  const visible = visibleResources(c)
  const table = params.table === undefined ? undefined : visible.all.find((r) => r.id === params.table)
  if (params.table !== undefined && !table)
    throw new HttpError(400, 'Bad address', `There is no table "${params.table}" to filter on.`, [], {
      href: urls.audit(),
      label: 'All changes',
    })
  const filter: AuditFilter = {
    ...(params.actor !== undefined ? { actor: params.actor } : {}),
    ...(table ? { table: table.table } : {}),
    ...(params.action !== undefined ? { action: params.action } : {}),
    ...(params.from !== undefined ? { from: params.from } : {}),
    ...(params.to !== undefined ? { to: params.to } : {}),
    ...(params.before !== undefined ? { before: Number(params.before) } : {}),
  }
  const entries = await readAuditFeed(admin.db, admin.audit, {
    filter,
    tables: visibleTables(c),
    limit: pageSize + 1,
  })
  const shown = entries.slice(0, pageSize)
  const kept = Object.entries(query).filter(([key]) => key !== 'before')
  const older = entries.length > pageSize ? [...kept, ['before', shown.at(-1)!.id] as [string, string]] : null
  return renderPage(
    c,
    { title: 'Recorded changes', crumbs: [{ label: 'Home', href: urls.index() }, { label: 'Recorded changes' }] },
    <AuditPage
      model={{
        action: urls.audit(),
        filters: {
          actor: params.actor ?? '',
          table: params.table ?? '',
          action: params.action ?? '',
          from: params.from ?? '',
          to: params.to ?? '',
        },
        tables: visible.all.map((resource) => ({ value: resource.id, label: `${resource.label} (${resource.id})` })),
        rows: auditRows(shown, visible, urls),
        olderHref: older ? `${urls.audit()}${queryString(older)}` : null,
        newestHref: params.before !== undefined ? `${urls.audit()}${queryString(kept)}` : null,
      }}
    />,
  )
}

export function registerAuditRoute(app: Hono<AdminEnv>): void {
  app.get('/audit', showAudit)
}
