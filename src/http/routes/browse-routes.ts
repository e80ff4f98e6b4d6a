import type { Hono } from 'hono'
import type { AdminEnv } from '../admin-context.js'
import { registerDetailRoute } from './detail-route.js'
import { registerHistoryRoute } from './history-route.js'
import { registerIndexRoute } from './index-route.js'
import { registerListRoute } from './list-route.js'
import { registerStaticRoute } from './static-route.js'

/** The read half of the admin: static assets, the index, lists, detail pages and record histories. */
export function registerBrowseRoutes(app: Hono<AdminEnv>): void {
  registerStaticRoute(app)
  registerIndexRoute(app)
  registerDetailRoute(app)
  registerHistoryRoute(app)
  registerListRoute(app)
}
