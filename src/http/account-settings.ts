import type { Kysely } from 'kysely'
import { z } from 'zod'
import { accountStoreFor, type AccountStore } from '../auth/account-store.js'
import { defaultThrottle } from '../auth/login-throttle.js'
import type { DialectName, SchemaMetadata } from '../introspect/metadata.js'
import { ConfigError } from '../resources/build-resources.js'
import type { AccountSettings } from './admin-context.js'

/** `createAdmin`'s `accounts` option (documented there). */
export const AccountsOption = z
  .object({
    target: z.string().min(1, 'accounts.target names a schema (Postgres) or a file (SQLite)'),
    idleMinutes: z.number().positive().finite().default(60),
    absoluteHours: z.number().positive().finite().default(12),
    trustProxy: z.boolean().default(false),
    /** Where the store is read and written (default: the admin's `db`); its own, writable one in read-only mode. */
    db: z.custom<Kysely<any>>((value) => typeof value === 'object' && value !== null).optional(),
    /** Milliseconds since the epoch (default `Date.now`); tests pass a clock they can move. */
    clock: z.custom<() => number>((value) => typeof value === 'function').optional(),
  })
  .strict()
export type AccountsOption = z.input<typeof AccountsOption>

/** The option checked and resolved once; a bad value is a `ConfigError` at start-up. */
export function accountSettings(dialect: DialectName, option: AccountsOption, db: Kysely<any>): AccountSettings {
  const parsed = AccountsOption.safeParse(option)
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `accounts.${issue.path.join('.')}: ${issue.message}`))
  const { target, idleMinutes, absoluteHours, trustProxy, clock } = parsed.data
  return {
    db: parsed.data.db ?? db,
    store: accountStoreFor(dialect, target),
    limits: { idleMs: idleMinutes * 60_000, absoluteMs: absoluteHours * 3_600_000 },
    throttle: defaultThrottle,
    trustProxy,
    now: clock ?? Date.now,
  }
}

/**
 * A live introspection of Postgres sees Steward's own tables: the account store (password hashes are no
 * table to browse) and the audit log (read through History and the audit page, never edited as rows).
 */
export function withoutOwnTables(
  schema: SchemaMetadata,
  own: {
    readonly store?: AccountStore | null
    readonly audit?: { readonly schema: string; readonly table: string } | null
  },
): SchemaMetadata {
  const storeTables = new Set(['accounts', 'sessions', 'login_failures'])
  const isOwn = (table: { schema: string; name: string }) =>
    (own.store?.schema === table.schema && storeTables.has(table.name)) ||
    (own.audit?.schema === table.schema && own.audit.table === table.name)
  const tables = schema.tables.filter((table) => !isOwn(table))
  return tables.length === schema.tables.length ? schema : { ...schema, tables }
}
