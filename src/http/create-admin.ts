import { Hono, type Env } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Kysely } from 'kysely'
import { auditLogFor, setUpAuditLog, type AuditLog } from '../audit/audit-log.js'
import { setUpAccountStore } from '../auth/account-store.js'
import { onlyReading, permissions, type Can } from '../auth/permissions.js'
import { isTransient } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import { dialectFor } from '../db/dialects.js'
import { Permits } from '../db/permits.js'
import type { SchemaMetadata } from '../introspect/metadata.js'
import { buildResources } from '../resources/build-resources.js'
import { StewardConfig, type StewardConfigInput } from '../resources/define-config.js'
import { indexResources } from '../resources/resource-index.js'
import type { Logger } from '../logger.js'
import { accountSettings, withoutOwnTables, type AccountsOption } from './account-settings.js'
import type { AccountSettings } from './admin-context.js'
import type { AdminContext, AdminEnv, Identity } from './admin-context.js'
import { loadAssets } from './assets.js'
import { findDriftedTables } from './drift.js'
import { handleErrors, notFound } from './errors.js'
import { formSecret } from './form-secret.js'
import { adminState } from './middleware/admin-state.js'
import { formBodyLimit } from './middleware/body-limit.js'
import { compression } from './middleware/compression.js'
import { csrfProtection } from './middleware/csrf.js'
import { flashMessages } from './middleware/flash.js'
import { formBodiesOnly } from './middleware/form-bodies-only.js'
import { hostCheck, loopbackHosts } from './middleware/host-check.js'
import { loginRequired } from './middleware/login-required.js'
import { noStore } from './middleware/no-store.js'
import { refuseNul } from './middleware/refuse-nul.js'
import { securityHeaderOptions } from './middleware/security-headers.js'
import { registerStaticRoute } from './routes/static-route.js'
import { registerBrowseRoutes } from './routes/browse-routes.js'
import { registerCustomPages } from './routes/custom-page-route.js'
import { registerEditRoutes } from './routes/edit-routes.js'
import { registerHealthRoute } from './routes/health-route.js'
import { registerLoginRoutes } from './routes/login-routes.js'
import { showIndex } from './routes/index-route.js'
import { createSlowCountCache } from '../list/slow-count-cache.js'

/** `E`: the host application's Hono env, so that the identity hook's `c.get('user')` is typed. */
export interface AdminOptions<E extends Env = any> {
  /** An open Kysely handle on the database (e.g. `connect(url).db`). */
  readonly db: Kysely<any>
  /**
   * A read replica of `db` (e.g. `connect(replicaUrl).db`): lists, record pages, counts, lookups and exports
   * read from it. Writes, the reads that check a write's conflicts, history and the audit log use `db`, and so
   * does the page right after the user's own write, so that it shows what was written whatever the replica's lag.
   * @example createAdmin({ db: primary.db, replica: replica.db, schema })
   */
  readonly replica?: Kysely<any>
  /** The metadata the admin is built from: `schema` from `generated/schema.ts`, or a live introspection. */
  readonly schema: SchemaMetadata
  readonly config?: StewardConfigInput
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
   * Who makes a request, by the host application's own auth: an id, a name (shown, and recorded as the
   * actor of writes) and roles — built-in `admin`, `editor`, `viewer`, or roles from the config. Null means
   * nobody is signed in (a 401 page). Without a hook every request may do everything: guard the mount yourself.
   * @example identity: (c) => { const u = c.get('user'); return u ? { id: u.id, name: u.email, roles: [u.role] } : null }
   */
  readonly identity?: Identity<E>
  /**
   * Replaces the permission decision built from the config's roles (see `permissions`); read-only mode
   * still refuses writes whatever it answers.
   * @example can: (who, action, table) => who?.roles.includes('admin') || action === 'view'
   */
  readonly can?: Can
  /** Nothing can be added, changed or deleted, whoever asks (also `readOnly` in the config). */
  readonly readOnly?: boolean
  /**
   * The host names this admin answers to (default: `localhost`, `127.0.0.1` and `[::1]`); any other Host
   * header gets a 421 before anything else runs, which defeats DNS rebinding. `'*'` turns the check off
   * (behind a proxy that checks the host itself).
   * @example allowedHosts: ['admin.example.com']
   */
  readonly allowedHosts?: readonly string[] | '*'
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
  /**
   * Where failures behind an error page and start-up warnings are reported (default `console`).
   * @example createAdmin({ db, schema, logger: { info: log.info, warn: log.warn, error: log.error } })
   */
  readonly logger?: Logger
  /**
   * Milliseconds since the epoch (default `Date.now`): the day the list's date presets ("Today", "Last month")
   * count from, in UTC. Tests pass a fixed clock.
   * @example createAdmin({ db, schema, clock: () => Date.parse('2024-03-15T12:00:00Z') })
   */
  readonly clock?: () => number
}

/** What start-up prepares before the first request: Steward's own stores, and the metadata to compare. */
interface StartUp {
  readonly metadata: SchemaMetadata
  readonly audit: AuditLog | null
  readonly accounts: AccountSettings | null
}

/**
 * Sets up the audit log and the account store, and compares the live catalog with the metadata, returning
 * the drifted tables. A failure is logged, not fatal (without its audit table every write fails, rolled
 * back; without the account store the login form answers with an error page), except when the database
 * is down or busy: that is thrown as a `DatabaseError`, for the request to retry.
 */
async function startUp(
  options: AdminOptions,
  dialect: Dialect,
  what: StartUp,
  logger: Logger,
): Promise<ReadonlySet<string>> {
  const orLog = (task: string) => (error: unknown) => {
    const mapped = dialect.mapError(error)
    if (mapped && isTransient(mapped)) throw mapped
    logger.error(`steward: could not ${task}:`, error)
  }
  const [drifted] = await Promise.all([
    options.checkDrift === false
      ? undefined
      : findDriftedTables(options.db, dialect, what.metadata).catch(orLog('compare the database with its metadata')),
    what.audit
      ? setUpAuditLog(options.db, what.audit).then(
          (warnings) => warnings.forEach((warning) => logger.warn(`steward: ${warning}`)),
          orLog('set up the audit log'),
        )
      : undefined,
    what.accounts
      ? setUpAccountStore(what.accounts.db, what.accounts.store).catch(orLog('set up the account store'))
      : undefined,
  ])
  return drifted ?? new Set()
}

const defaultStatementTimeoutMs = 5_000
const defaultMaxExpensiveQueries = 5

/**
 * The admin as a Hono app. Configuration problems are thrown at once (`ConfigError`); the drift check
 * runs in the background and the first request waits for it.
 */
export function createAdmin<E extends Env = any>(options: AdminOptions<E>): Hono<AdminEnv> {
  const config = StewardConfig.parse(options.config ?? {})
  const logger = options.logger ?? console
  const dialect = dialectFor(options.schema.dialect)
  const audit = options.audit ? auditLogFor(dialect.name, options.audit.target) : null
  const readOnly = options.readOnly === true || config.readOnly === true
  const decide = options.can ?? permissions({ roles: config.roles ?? {}, defaultSchema: dialect.defaultSchema })
  const can = readOnly ? onlyReading(decide) : decide
  const expensive = new Permits(config.maxExpensiveQueries ?? defaultMaxExpensiveQueries)
  const statementTimeoutMs = config.statementTimeoutMs ?? defaultStatementTimeoutMs
  // One worker per permit on SQLite: a search or export holding a permit never waits for a worker.
  const longReader = (db: Kysely<any>) => dialect.longReader(db, { size: expensive.size, statementTimeoutMs })
  const longReadsOfDb = longReader(options.db)
  const longReads = {
    db: longReadsOfDb,
    replica: options.replica && options.replica !== options.db ? longReader(options.replica) : longReadsOfDb,
  }
  const accounts = options.accounts ? accountSettings(dialect.name, options.accounts, options.db) : null
  const metadata = withoutOwnTables(options.schema, { store: accounts?.store ?? null, audit })
  // Shared by every build of the context: a drifted rebuild keeps what was counted.
  const slowCounts = createSlowCountCache({ now: options.clock ?? Date.now })
  const build = (drifted?: ReadonlySet<string>): AdminContext => ({
    db: options.db,
    replica: options.replica ?? options.db,
    longReads,
    dialect,
    schema: metadata,
    config,
    resources: indexResources(
      buildResources(metadata, config, { defaultSchema: dialect.defaultSchema, ...(drifted ? { drifted } : {}) }),
    ),
    assets,
    title: config.title ?? 'Steward',
    statementTimeoutMs,
    slowCounts,
    expensive,
    // The write half is registered below: pages offer add / edit / delete links.
    writable: true,
    audit,
    identity: options.identity ?? null,
    can,
    readOnly,
    accounts,
    warnNoLogin: options.warnNoLogin ?? false,
    logger,
    now: options.clock ?? Date.now,
  })
  const assets = loadAssets(logger)
  const initial = build()
  // Until the database has answered the start-up checks, each request retries them (a 503 meanwhile),
  // so a database that was down when the process started is picked up when it returns.
  let ready: Promise<AdminContext> | undefined
  const context = () =>
    (ready ??= startUp(options, dialect, { metadata, audit, accounts }, logger).then(
      (drifted) => (drifted.size > 0 ? build(drifted) : initial),
      (error: unknown) => {
        ready = undefined
        throw error
      },
    ))
  // Started now so that the first request finds it done; a failure is logged by startUp or retried by that request.
  void context().catch(() => {})

  const basePath = options.basePath ?? ''
  const secret = formSecret(options.secret, logger)
  const app = new Hono<AdminEnv>({ strict: false })
  // Before the host check: a load balancer asks by the instance's address, and "ok" tells a rebinding page nothing.
  registerHealthRoute(app, options.db)
  app.use(hostCheck(options.allowedHosts ?? loopbackHosts))
  app.use(secureHeaders(securityHeaderOptions))
  app.use(noStore())
  app.use(compression())
  app.use(adminState(context, basePath))
  app.use(refuseNul())
  // Before the body limit and the CSRF check: a request without a session reads no body.
  app.use(loginRequired(basePath))
  // Before the form middleware: a stylesheet needs no token, and must not carry a cookie.
  registerStaticRoute(app)
  // Before anything reads a body: the CSRF check reads the token from the form.
  app.use(formBodyLimit())
  app.use(formBodiesOnly())
  app.use(csrfProtection({ secret, ...(options.trustedOrigins ? { origin: options.trustedOrigins } : {}) }))
  app.use(flashMessages(secret))
  // Every write made here answers with a redirect: a table's count may have changed, so the index counts again.
  app.use(async function countsAfterWrites(c, next) {
    if (c.req.method !== 'POST') return next()
    await next()
    if (c.res.status === 303) slowCounts.clear()
  })
  // Before the table routes: `/_pages/a/b` would otherwise read as schema `_pages`, table `a`.
  if ((config.pages ?? []).length > 0) registerCustomPages(app, basePath)
  registerEditRoutes(app, secret)
  if (accounts) registerLoginRoutes(app)
  registerBrowseRoutes(app)
  app.all('*', (c) => {
    // `/admin/` under a host app created with Hono's default strict routing reaches here, not the index route.
    const mount = c.get('urls').base.slice(basePath.replace(/\/+$/, '').length)
    const rest = c.req.path.slice(mount.length)
    if ((rest === '' || rest === '/') && c.req.method === 'GET') return showIndex(c)
    throw notFound(`There is no page at ${c.req.path}.`)
  })
  app.onError(handleErrors(logger))
  return app
}
