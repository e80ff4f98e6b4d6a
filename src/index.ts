// Steward's public API. Everything else under src/ is internal and may change.

/**
 * Builds the admin as a Hono app over a database and its metadata; mount it with `app.route('/admin', admin)`.
 *
 * @example
 * const { db } = await connect('sqlite:data/demo.db')
 * const admin = createAdmin({ db, schema, config })
 * app.route('/admin', admin)
 */
export { createAdmin, type AdminOptions } from './http/create-admin.js'

/**
 * Who is acting, for the audit log: a function of the request returning a user name, or null (shown as "anonymous").
 *
 * @example createAdmin({ db, schema, audit: { target: 'steward.audit_log' }, identity: (c) => c.req.header('x-user') ?? null })
 */
export type { Identity } from './http/admin-context.js'

/**
 * Steward's own login for standalone use: where accounts and sessions live, how long sessions last,
 * and whether to believe a proxy's forwarded headers. Accounts are added with `steward user add`.
 *
 * @example createAdmin({ db, schema, accounts: { target: 'steward', idleMinutes: 30 } })
 */
export type { AccountsOption } from './http/account-settings.js'

/**
 * Where the admin reports start-up warnings and failures behind its error pages (default `console`).
 *
 * @example createAdmin({ db, schema, logger: { info: log.info, warn: log.warn, error: log.error } })
 */
export type { Logger } from './logger.js'

/**
 * Checks per-table options (list columns, search fields, filters, ordering, page size, read-only and
 * hidden fields, labels) and, typed with the generated `DB`, catches misspelt tables and columns.
 *
 * @example export default defineConfig<DB>({ tables: { orders: { ordering: ['-placed_at'] } } })
 */
export { defineConfig, type StewardConfig, type TableOptions, type TypedConfig } from './resources/define-config.js'

/**
 * The behaviour part of the config: hooks in the write's transaction, custom actions, row scopes, computed
 * columns and custom pages. A hook or an action says no with `throw new Refusal(message, { field })`.
 *
 * @example hooks: { beforeSave: ({ values }) => { if (values.total < 0) throw new Refusal('No negative totals.', { field: 'total' }) } }
 */
export {
  Refusal,
  type ActionEvent,
  type BehaviourContext,
  type ComputedColumn,
  type CustomPage,
  type DeleteEvent,
  type RowScope,
  type SavedEvent,
  type SaveEvent,
  type TableAction,
  type TableHooks,
} from './resources/behaviour.js'

/**
 * Opens a Postgres (`postgres://…`) or SQLite (`sqlite:PATH`, `file:PATH`) database by URL.
 *
 * @example const { db, dialect, close } = await connect(process.env.DATABASE_URL!)
 */
export { connect, type Connection, type ConnectOptions } from './db/connect.js'

/**
 * The metadata shape `steward generate` writes to `generated/schema.ts` and `createAdmin` reads.
 *
 * @example import type { SchemaMetadata } from 'steward'
 */
export type { SchemaMetadata, Table, Column, ForeignKey } from './introspect/metadata.js'

/**
 * Raised by `createAdmin` when the configuration names a table or column the schema does not have.
 *
 * @example try { createAdmin(options) } catch (e) { if (e instanceof ConfigError) console.error(e.problems) }
 */
export { ConfigError } from './resources/build-resources.js'
