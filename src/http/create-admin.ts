import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import { postgresDialect } from '../db/postgres-dialect.js'
import { sqliteDialect } from '../db/sqlite-dialect.js'
import type { DialectName, SchemaMetadata } from '../introspect/metadata.js'
import { buildResources } from '../resources/build-resources.js'
import { StewardConfig } from '../resources/define-config.js'
import { indexResources } from '../resources/resource-index.js'
import type { AdminContext, AdminEnv } from './admin-context.js'
import { loadAssets } from './assets.js'
import { findDriftedTables } from './drift.js'
import { handleError, notFound } from './errors.js'
import { adminState } from './middleware/admin-state.js'
import { securityHeaders } from './middleware/security-headers.js'
import { registerBrowseRoutes } from './routes/browse-routes.js'
import { registerEditRoutes } from './routes/edit-routes.js'
import { showIndex } from './routes/index-route.js'

export interface AdminOptions {
  /** An open Kysely handle on the database (e.g. `connect(url).db`). */
  readonly db: Kysely<any>
  /** The metadata the admin is built from: `schema` from `generated/schema.ts`, or a live introspection. */
  readonly schema: SchemaMetadata
  readonly config?: StewardConfig
  /** The path an outer framework mounts the admin at and strips before calling it (e.g. Express `app.use('/admin', …)`). */
  readonly basePath?: string
  /**
   * Signs the CSRF and flash cookies; give every instance behind a load balancer the same one.
   * Defaults to the STEWARD_SECRET environment variable, else a random key for this process.
   */
  readonly secret?: string
  /** Origins allowed to post besides the request's own (behind a proxy that rewrites the host). */
  readonly trustedOrigins?: string | readonly string[]
  /** Compare the live catalog with `schema` at start-up and show drifted tables read-only (default true). */
  readonly checkDrift?: boolean
}

const dialects: Readonly<Record<DialectName, Dialect>> = { postgres: postgresDialect, sqlite: sqliteDialect }
const defaultStatementTimeoutMs = 5_000

/**
 * The admin as a Hono app. Configuration problems are thrown at once (`ConfigError`); the drift check
 * runs in the background and the first request waits for it.
 */
export function createAdmin(options: AdminOptions): Hono<AdminEnv> {
  const config = StewardConfig.parse(options.config ?? {})
  const dialect = dialects[options.schema.dialect]
  const build = (drifted?: ReadonlySet<string>): AdminContext => ({
    db: options.db,
    dialect,
    schema: options.schema,
    config,
    resources: indexResources(
      buildResources(options.schema, config, { defaultSchema: dialect.defaultSchema, ...(drifted ? { drifted } : {}) }),
    ),
    assets,
    title: config.title ?? 'Steward',
    statementTimeoutMs: config.statementTimeoutMs ?? defaultStatementTimeoutMs,
    // The write half is registered below: pages offer add / edit / delete links.
    writable: true,
  })
  const assets = loadAssets()
  const initial = build()
  let ready: Promise<AdminContext> | undefined
  const context = () =>
    (ready ??=
      options.checkDrift === false
        ? Promise.resolve(initial)
        : findDriftedTables(options.db, dialect, options.schema).then(
            (drifted) => (drifted.size > 0 ? build(drifted) : initial),
            (error: unknown) => {
              console.error('steward: could not compare the database with its metadata:', error)
              return initial
            },
          ))
  void context()

  const app = new Hono<AdminEnv>({ strict: false })
  app.use('*', securityHeaders())
  app.use('*', adminState(context, options.basePath ?? ''))
  // The write half first: its CSRF and flash middleware must run for the read pages too.
  registerEditRoutes(app, {
    ...(options.secret ? { secret: options.secret } : {}),
    ...(options.trustedOrigins ? { origin: options.trustedOrigins } : {}),
  })
  registerBrowseRoutes(app)
  app.all('*', (c) => {
    // `/admin/` under a host app created with Hono's default strict routing reaches here, not the index route.
    const mount = c.get('urls').base.slice((options.basePath ?? '').replace(/\/+$/, '').length)
    const rest = c.req.path.slice(mount.length)
    if ((rest === '' || rest === '/') && c.req.method === 'GET') return showIndex(c)
    throw notFound(`There is no page at ${c.req.path}.`)
  })
  app.onError(handleError)
  return app
}
