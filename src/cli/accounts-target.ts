import { parseDatabaseUrl } from '../db/database-url.js'
import { dialectFor } from '../db/dialects.js'
import { UsageError } from './command.js'

/**
 * Where Steward keeps accounts when `--accounts` is not given: the `steward` schema on Postgres, and on
 * SQLite the file `steward-accounts.db` beside the database (never a table in the user's own file).
 */
export function defaultAccountsTarget(url: string): string {
  const target = parseDatabaseUrl(url)
  const place = dialectFor(target.dialect).ownTables.defaultPlace(target, 'steward-accounts.db')
  if (place === undefined)
    throw new UsageError('an in-memory database has no folder for accounts: give --accounts FILE')
  return place
}

/** Loopback only: what `--no-auth` may bind, so that nobody else can reach an admin without login. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare)
}
