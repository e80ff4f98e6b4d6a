import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { AdminEnv } from './admin-context.js'

/**
 * The handle a page reads from: the replica, except on the page right after the user's own write (it carries
 * the write's flash message), which reads the primary so that it shows what was just written.
 */
export function readsOf(c: Context<AdminEnv>): Kysely<any> {
  const admin = c.get('admin')
  return c.get('flash') ? admin.db : admin.replica
}

/** `readsOf` for a read that may run long (a search): on SQLite it runs in a reading worker process, see `Dialect.longReader`. */
export function longReadsOf(c: Context<AdminEnv>): Kysely<any> {
  const { longReads } = c.get('admin')
  return c.get('flash') ? longReads.db : longReads.replica
}
