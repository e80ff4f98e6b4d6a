import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { AuditLog } from '../audit/audit-log.js'
import type { AccountStore, SessionLimits } from '../auth/account-store.js'
import type { ThrottleLimits } from '../auth/login-throttle.js'
import type { Principal } from '../auth/permissions.js'
import type { Dialect } from '../db/dialect.js'
import type { SchemaMetadata } from '../introspect/metadata.js'
import type { StewardConfig } from '../resources/define-config.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Flash } from '../../views/view-model.js'
import type { Assets } from './assets.js'
import type { Urls } from './urls.js'

/** What every route needs, resolved once at start-up (and once more after the drift check). */
export interface AdminContext {
  readonly db: Kysely<any>
  readonly dialect: Dialect
  readonly schema: SchemaMetadata
  readonly config: StewardConfig
  readonly resources: ResourceIndex
  readonly assets: Assets
  readonly title: string
  readonly statementTimeoutMs: number
  /** Set when the write routes are registered: pages then offer add / edit / delete links. */
  readonly writable: boolean
  /** Where writes record their audit entries; null when auditing is off (no table, no history pages). */
  readonly audit: AuditLog | null
  /** The embedding app's user for a request, recorded as the actor of a write. */
  readonly identity: Identity
  /** Steward's own login (the `accounts` option); null when the admin needs none. */
  readonly accounts: AccountSettings | null
  /** Nobody logs in (`steward serve --no-auth`): every page says that anyone reaching it may change data. */
  readonly warnNoLogin: boolean
}

/** Steward's own accounts and sessions, resolved once at start-up. */
export interface AccountSettings {
  readonly store: AccountStore
  readonly limits: SessionLimits
  readonly throttle: ThrottleLimits
  /** Believe `X-Forwarded-Proto` and `X-Forwarded-For` (only behind a proxy that sets them). */
  readonly trustProxy: boolean
  /** Milliseconds since the epoch; a test passes its own clock instead of sleeping. */
  readonly now: () => number
}

/** Who is making a request: a name or id for the audit log, or null (shown as "anonymous"). */
export type Identity = (c: Context<AdminEnv>) => string | null | Promise<string | null>

/** Hono's typed per-request variables for the admin's routes. */
export type AdminEnv = {
  Variables: {
    admin: AdminContext
    /** Links for this request, relative to where the admin is mounted. */
    urls: Urls
    theme: 'light' | 'dark' | null
    /** A one-time message to show on this page (set by the write half after a redirect). */
    flash: Flash | null
    /** The CSRF token forms must carry (set by the session middleware of the write half). */
    csrfToken: string | null
    /** Who is asking: the logged-in account, or null before login (set by the login middleware). */
    principal: Principal | null
  }
}
