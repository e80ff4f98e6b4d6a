import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import { auditLogFor, setUpAuditLog } from '../audit/audit-log.js'
import { setUpAccountStore } from '../auth/account-store.js'
import type { Dialect } from '../db/dialect.js'
import { postgresDialect } from '../db/postgres-dialect.js'
import { sqliteDialect } from '../db/sqlite-dialect.js'
import type { DialectName, SchemaMetadata } from '../introspect/metadata.js'
import { buildResources } from '../resources/build-resources.js'
import { StewardConfig } from '../resources/define-config.js'
import { indexResources } from '../resources/resource-index.js'
import { accountSettings, withoutStoreTables, type AccountsOption } from './account-settings.js'
import type { AdminContext, AdminEnv, Identity } from './admin-context.js'
import { loadAssets } from './assets.js'
import { findDriftedTables } from './drift.js'
import { handleError, notFound } from './errors.js'
import { adminState } from './middleware/admin-state.js'
import { loginRequired } from './middleware/login-required.js'
import { securityHeaders } from './middleware/security-headers.js'
import { registerBrowseRoutes } from './routes/browse-routes.js'
import { registerEditRoutes } from './routes/edit-routes.js'
import { registerLoginRoutes } from './routes/login-routes.js'
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
  /**
   * Record every write with who, when and what changed, in the write's own transaction, and show a
   * history page per record. `target`: a table on Postgres (`steward.audit_log`; schema and table are
   * created when missing), a file on SQLite (attached as `steward_audit`). Off when absent.
   * @example createAdmin({ db, schema, audit: { target: 'steward.audit_log' } })
   */
  readonly audit?: { readonly target: string }
  /**
   * The acting user of a request, for the audit log (default: none, shown as "anonymous").
   * @example identity: (c) => c.get('user')?.email ?? null
   */
  readonly identity?: Identity
  /**
   * Steward's own accounts and login (`steward user add` creates them): every page then needs a
   * session, and the audit log names the logged-in account. `target`: a schema on Postgres
   * (`steward`), a file on SQLite; created when missing. Sessions end after `idleMinutes` unused
   * (default 60) and `absoluteHours` after login (default 12). `trustProxy`: believe
   * `X-Forwarded-Proto` and `X-Forwarded-For`, only behind a proxy that sets them. Off when absent.
   * @example createAdmin({ db, schema, accounts: { target: 'steward', trustProxy: true } })
   */
  readonly accounts?: AccountsOption
  /** Say on every page that nobody logs in and anyone reaching the address may change data (`steward serve --no-auth`). */
  readonly warnNoLogin?: boolean
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
  const audit = options.audit ? auditLogFor(dialect.name, options.audit.target) : null
  const identity: Identity = options.identity ?? (() => null)
  const accounts = options.accounts ? accountSettings(dialect.name, options.accounts) : null
  const metadata = accounts ? withoutStoreTables(options.schema, accounts.store) : options.schema
  const build = (drifted?: ReadonlySet<string>): AdminContext => ({
    db: options.db,
    dialect,
    schema: metadata,
    config,
    resources: indexResources(
      buildResources(metadata, config, { defaultSchema: dialect.defaultSchema, ...(drifted ? { drifted } : {}) }),
    ),
    assets,
    title: config.title ?? 'Steward',
    statementTimeoutMs: config.statementTimeoutMs ?? defaultStatementTimeoutMs,
    // The write half is registered below: pages offer add / edit / delete links.
    writable: true,
    audit,
    identity,
    accounts,
    warnNoLogin: options.warnNoLogin ?? false,
  })
  const assets = loadAssets()
  const initial = build()
  let ready: Promise<AdminContext> | undefined
  // A failed set-up is logged, not fatal: every write then fails (rolled back) for want of its audit table.
  const auditReady = audit
    ? setUpAuditLog(options.db, audit).catch((error: unknown) =>
        console.error('steward: could not set up the audit log:', error),
      )
    : Promise.resolve()
  // Logged, not fatal either: the login form then answers with an error page until the tables exist.
  const accountsReady = accounts
    ? setUpAccountStore(options.db, accounts.store).catch((error: unknown) =>
        console.error('steward: could not set up the account store:', error),
      )
    : Promise.resolve()
  const storesReady = Promise.all([auditReady, accountsReady])
  const context = () =>
    (ready ??=
      options.checkDrift === false
        ? storesReady.then(() => initial)
        : Promise.all([findDriftedTables(options.db, dialect, metadata), storesReady]).then(
            ([drifted]) => (drifted.size > 0 ? build(drifted) : initial),
            (error: unknown) => {
              console.error('steward: could not compare the database with its metadata:', error)
              return initial
            },
          ))
  void context()

  const app = new Hono<AdminEnv>({ strict: false })
  app.use('*', securityHeaders())
  app.use('*', adminState(context, options.basePath ?? ''))
  // Before the write half's body limit and CSRF check: a request without a session reads no body.
  app.use('*', loginRequired(options.basePath ?? ''))
  // The write half first: its CSRF and flash middleware must run for the read pages too.
  registerEditRoutes(app, {
    ...(options.secret ? { secret: options.secret } : {}),
    ...(options.trustedOrigins ? { origin: options.trustedOrigins } : {}),
  })
  if (accounts) registerLoginRoutes(app)
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
