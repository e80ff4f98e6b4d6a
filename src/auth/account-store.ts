import { createHash, randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { dialectFor } from '../db/dialects.js'
import type { DialectName } from '../introspect/metadata.js'

/**
 * Steward's own accounts and sessions, never among the user's tables: a schema on Postgres (`steward`
 * by default), a separate file on SQLite, attached to the connection. Sessions live in the database,
 * not in process memory, so every instance behind a load balancer sees the same ones.
 */
export interface AccountStore {
  readonly dialect: DialectName
  /** Postgres: the schema; SQLite: the name the file is attached as. */
  readonly schema: string
  /** SQLite only: the file attached as `schema`. */
  readonly file?: string
}

export const sqliteAccountSchema = 'steward_auth'

/** The store named by `target`: a schema name on Postgres, a file path on SQLite. */
export function accountStoreFor(dialect: DialectName, target: string): AccountStore {
  return dialectFor(dialect).ownTables.inFile
    ? { dialect, schema: sqliteAccountSchema, file: target }
    : { dialect, schema: target }
}

export interface Account {
  readonly id: string
  readonly name: string
  readonly roles: readonly string[]
  readonly passwordHash: string
}

export interface SessionLimits {
  /** A session unused this long ends. */
  readonly idleMs: number
  /** A session ends this long after login, however busy. */
  readonly absoluteMs: number
}

/** One of the store's tables, schema-qualified. */
export const storeTable = (store: AccountStore, name: 'accounts' | 'sessions' | 'login_failures') =>
  sql.id(store.schema, name)
const table = storeTable

/** Creates the schema (or attaches the file) and the tables when missing; running it again changes nothing. */
export async function setUpAccountStore(db: Kysely<any>, store: AccountStore): Promise<void> {
  const { ownTables } = dialectFor(store.dialect)
  await ownTables.prepare(db, store)
  await sql`create table if not exists ${table(store, 'accounts')} (
    id ${ownTables.numberedKey}, name text not null unique, roles text not null, password_hash text not null,
    created_at text not null)`.execute(db)
  await sql`create table if not exists ${table(store, 'sessions')} (
    token_hash text primary key, account_id bigint not null, created_at bigint not null, seen_at bigint not null)`.execute(
    db,
  )
  // Failed logins, by account name and by client address (see login-throttle.ts).
  await sql`create table if not exists ${table(store, 'login_failures')} (
    scope text not null, subject text not null, failed_at bigint not null)`.execute(db)
  const columns = sql`(scope, subject, failed_at)`
  await ownTables.createIndex(db, {
    schema: store.schema,
    table: 'login_failures',
    name: 'login_failures_subject',
    columns,
  })
}

/** Whether the store holds any account (`steward serve` refuses to start without one). */
export async function hasAccounts(db: Kysely<any>, store: AccountStore): Promise<boolean> {
  const { rows } = await sql`select 1 from ${table(store, 'accounts')} limit 1`.execute(db)
  return rows.length > 0
}

type AccountRow = { id: number | bigint | string; name: string; roles: string; password_hash: string }

function account(row: AccountRow): Account {
  return {
    id: String(row.id),
    name: row.name,
    roles: JSON.parse(row.roles) as string[],
    passwordHash: row.password_hash,
  }
}

export async function addAccount(
  db: Kysely<any>,
  store: AccountStore,
  input: { readonly name: string; readonly roles: readonly string[]; readonly passwordHash: string },
): Promise<void> {
  await sql`insert into ${table(store, 'accounts')} (name, roles, password_hash, created_at)
    values (${input.name}, ${JSON.stringify(input.roles)}, ${input.passwordHash}, ${new Date().toISOString()})`.execute(
    db,
  )
}

export async function findAccount(db: Kysely<any>, store: AccountStore, name: string): Promise<Account | null> {
  const { rows } = await sql<AccountRow>`select id, name, roles, password_hash from ${table(store, 'accounts')}
    where name = ${name}`.execute(db)
  return rows[0] ? account(rows[0]) : null
}

export async function listAccounts(db: Kysely<any>, store: AccountStore): Promise<Account[]> {
  const { rows } = await sql<AccountRow>`select id, name, roles, password_hash from ${table(store, 'accounts')}
    order by name`.execute(db)
  return rows.map(account)
}

/** Sets a new password and ends the account's sessions. False when there is no such account. */
export async function setPassword(
  db: Kysely<any>,
  store: AccountStore,
  name: string,
  passwordHash: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await findAccount(trx, store, name)
    if (!found) return false
    await sql`update ${table(store, 'accounts')} set password_hash = ${passwordHash} where id = ${found.id}`.execute(
      trx,
    )
    await sql`delete from ${table(store, 'sessions')} where account_id = ${found.id}`.execute(trx)
    return true
  })
}

/** Replaces a hash made with weaker parameters after a successful login; sessions stay (the password is the same). */
export async function rehashPassword(
  db: Kysely<any>,
  store: AccountStore,
  accountId: string,
  passwordHash: string,
): Promise<void> {
  await sql`update ${table(store, 'accounts')} set password_hash = ${passwordHash} where id = ${accountId}`.execute(db)
}

/** Removes an account and its sessions. False when there is no such account. */
export async function removeAccount(db: Kysely<any>, store: AccountStore, name: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await findAccount(trx, store, name)
    if (!found) return false
    await sql`delete from ${table(store, 'sessions')} where account_id = ${found.id}`.execute(trx)
    await sql`delete from ${table(store, 'accounts')} where id = ${found.id}`.execute(trx)
    return true
  })
}

// Only a digest of a session token is stored: a copy of the table lets nobody log in.
const digest = (token: string) => createHash('sha256').update(token).digest('base64url')

/** Starts a session; the token goes in the cookie and is never stored as it is. */
export async function startSession(
  db: Kysely<any>,
  store: AccountStore,
  accountId: string,
  now = Date.now(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await sql`insert into ${table(store, 'sessions')} (token_hash, account_id, created_at, seen_at)
    values (${digest(token)}, ${accountId}, ${now}, ${now})`.execute(db)
  return token
}

/**
 * The account a session token belongs to, or null when it is unknown or has run out (then it is removed).
 * A live session is marked as seen, which moves its idle deadline (to within a minute).
 */
export async function readSession(
  db: Kysely<any>,
  store: AccountStore,
  token: string,
  limits: SessionLimits,
  now = Date.now(),
): Promise<Account | null> {
  const hash = digest(token)
  const { rows } = await sql<AccountRow & { created_at: number | string; seen_at: number | string }>`
    select a.id, a.name, a.roles, a.password_hash, s.created_at, s.seen_at
    from ${table(store, 'sessions')} s join ${table(store, 'accounts')} a on a.id = s.account_id
    where s.token_hash = ${hash}`.execute(db)
  const row = rows[0]
  if (!row) return null
  if (now - Number(row.seen_at) > limits.idleMs || now - Number(row.created_at) > limits.absoluteMs) {
    await endSession(db, store, token)
    return null
  }
  // Not a write per request: the idle deadline moves at most once a minute (or a twentieth of the idle time).
  if (now - Number(row.seen_at) >= Math.min(60_000, limits.idleMs / 20))
    await sql`update ${table(store, 'sessions')} set seen_at = ${now} where token_hash = ${hash}`.execute(db)
  return account(row)
}

export async function endSession(db: Kysely<any>, store: AccountStore, token: string): Promise<void> {
  await sql`delete from ${table(store, 'sessions')} where token_hash = ${digest(token)}`.execute(db)
}
