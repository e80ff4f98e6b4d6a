import type { Hono } from 'hono'
import type { AdminEnv } from '../admin-context.js'
import { registerAuditRoute } from './audit-route.js'
import { registerDetailRoute } from './detail-route.js'
import { registerExportRoute } from './export-route.js'
import { registerHistoryRoute } from './history-route.js'
import { registerIndexRoute } from './index-route.js'
import { registerListRoute } from './list-route.js'
import { registerSearchRoute } from './search-route.js'

/** The read half of the admin: the index, lists and their CSV exports, detail pages and record histories. */
export function registerBrowseRoutes(app: Hono<AdminEnv>): void {
  registerIndexRoute(app)
  registerSearchRoute(app)
  registerDetailRoute(app)
  registerHistoryRoute(app)
  registerAuditRoute(app)
  registerExportRoute(app)
  registerListRoute(app)
}
