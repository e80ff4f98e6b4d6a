import type { Context, Env } from 'hono'
import type { Kysely } from 'kysely'
import type { AuditLog } from '../audit/audit-log.js'
import type { AccountStore, SessionLimits } from '../auth/account-store.js'
import type { ThrottleLimits } from '../auth/login-throttle.js'
import type { Can, Principal } from '../auth/permissions.js'
import type { Dialect } from '../db/dialect.js'
import type { Permits } from '../db/permits.js'
import type { SchemaMetadata } from '../introspect/metadata.js'
import type { Logger } from '../logger.js'
import type { StewardConfig } from '../resources/define-config.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Flash } from '../../views/view-model.js'
import type { Assets } from './assets.js'
import type { Urls } from './urls.js'
import type { SlowCountCache } from '../list/slow-count-cache.js'

/** What every route needs, resolved once at start-up (and once more after the drift check). */
export interface AdminContext {
  readonly db: Kysely<any>
  /** Where pages read from: the `replica` option, else `db` (see `readsOf`). */
  readonly replica: Kysely<any>
  /** `db` and `replica` for reads that may run long (searches): see `Dialect.longReader` and `longReadsOf`. */
  readonly longReads: { readonly db: Kysely<any>; readonly replica: Kysely<any> }
  readonly dialect: Dialect
  readonly schema: SchemaMetadata
  readonly config: StewardConfig
  readonly resources: ResourceIndex
  readonly assets: Assets
  readonly title: string
  readonly statementTimeoutMs: number
  /** The index's whole-table counts that were slow to make, kept a minute (see `SlowCountCache`). */
  readonly slowCounts: SlowCountCache
  /** One per search or export running now, shared by every request of this process (see `takeExpensive`). */
  readonly expensive: Permits
  /** Set when the write routes are registered: pages then offer add / edit / delete links. */
  readonly writable: boolean
  /** Where writes record their audit entries; null when auditing is off (no table, no history pages). */
  readonly audit: AuditLog | null
  /** Who makes a request, by the embedding app's auth; null when the host gave no hook (see `anonymous`). */
  readonly identity: Identity | null
  /** The one permission decision every route asks where it resolves its table. */
  readonly can: Can
  /** Nothing can be written, whoever asks (`readOnly`): every page says so. */
  readonly readOnly: boolean
  /** Steward's own login (the `accounts` option); null when the admin needs none. */
  readonly accounts: AccountSettings | null
  /** Nobody logs in (`steward serve --no-auth`): every page says that anyone reaching it may change data. */
  readonly warnNoLogin: boolean
  /** Where failures behind an error page are reported (the `logger` option, else `console`). */
  readonly logger: Logger
  /** Milliseconds since the epoch (the `clock` option, else `Date.now`): what "Today" is in the date filters. */
  readonly now: () => number
}

/** Steward's own accounts and sessions, resolved once at start-up. */
export interface AccountSettings {
  /** The handle the store is read and written through. */
  readonly db: Kysely<any>
  readonly store: AccountStore
  readonly limits: SessionLimits
  readonly throttle: ThrottleLimits
  /** Believe `X-Forwarded-Proto` and `X-Forwarded-For` (only behind a proxy that sets them). */
  readonly trustProxy: boolean
  /** Milliseconds since the epoch; a test passes its own clock instead of sleeping. */
  readonly now: () => number
}

/**
 * Who is making a request, as the embedding app's own auth knows it: an id, a name for the audit log
 * and pages, and roles (`admin`, `editor`, `viewer` or roles from the config); null when nobody is signed in.
 */
export type Identity<E extends Env = any> = (c: Context<E>) => Principal | null | Promise<Principal | null>

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
    /** Who is asking: the logged-in account, the host's identity hook, or `anonymous`; null before login. */
    principal: Principal | null
    /** The tables this user may view, worked out on first use in the request (see `visibleResources`). */
    visible: ResourceIndex
    /** The response's body is already encoded for the client (see `htmlResponse`): the compression middleware leaves it. */
    encoded: boolean
  }
}
