import type { Hono } from 'hono'
import type { AdminEnv } from '../admin-context.js'
import { registerDetailRoute } from './detail-route.js'
import { registerIndexRoute } from './index-route.js'
import { registerListRoute } from './list-route.js'
import { registerStaticRoute } from './static-route.js'

/** The read half of the admin: static assets, the index, lists and detail pages. */
export function registerBrowseRoutes(app: Hono<AdminEnv>): void {
  registerStaticRoute(app)
  registerIndexRoute(app)
  registerDetailRoute(app)
  registerListRoute(app)
}
