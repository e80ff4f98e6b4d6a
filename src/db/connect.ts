import { existsSync } from 'node:fs'
import type SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogConfig } from 'kysely'
import type pg from 'pg'
import { ConnectError, parseDatabaseUrl, redact, type DatabaseTarget } from './database-url.js'
import type { Logger } from '../logger.js'
import type { Dialect } from './dialect.js'
import { postgresDialect } from './postgres-dialect.js'
import { sqliteDialect } from './sqlite-dialect.js'
import { SafeIntegerPlugin } from './safe-integer-plugin.js'
import { cachingDatabase } from './sqlite-statement-cache.js'
import { boundedPool } from './bounded-pool.js'
import { answersLastResult, lastResultClient } from './postgres-last-result-client.js'

/** An open database: the Kysely handle, what differs about its engine, and how to let go of it. */
export interface Connection {
  readonly db: Kysely<any>
  readonly dialect: Dialect
  readonly target: DatabaseTarget
  close(): Promise<void>
}

export interface ConnectOptions {
  /** SQLite: create the file when it does not exist (only `steward demo` wants this). */
  readonly create?: boolean
  /** Postgres pool size (default 10). */
  readonly poolSize?: number
  /** Postgres: how long a request waits for a free pooled connection before it is told "busy" (default 1,000 ms). */
  readonly acquireTimeoutMs?: number
  /** Postgres: how long opening a new connection may take (default 5,000 ms). */
  readonly connectTimeoutMs?: number
  /**
   * SQLite: how long a statement waits for another process's lock before it fails as "busy" (default 1,000 ms).
   * better-sqlite3 waits on the calling thread, so every request waits with it: keep it short.
   */
  readonly busyTimeoutMs?: number
  /** Kysely's query log hook (benchmarks and tests capture the SQL a page runs). */
  readonly log?: LogConfig
  /**
   * Nothing can be written, enforced by the database: SQLite opens the file read-only, Postgres starts every
   * transaction READ ONLY (`default_transaction_read_only`), so not even a bug can change a row. Behind a
   * pooler that refuses that connection option (PgBouncer), the role must be read-only by its own settings.
   */
  readonly readOnly?: boolean
  /** Where a connection lost while idle or in use is reported (default `console`); the pool replaces it. */
  readonly logger?: Logger
}

/**
 * Opens a database by URL and checks that it answers. Every failure — unknown scheme, missing file,
 * refused connection, wrong password — is a `ConnectError` with one line that says what happened.
 *
 * @example const { db, dialect, close } = await connect('sqlite:demo.db')
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  const target = parseDatabaseUrl(url)
  return target.dialect === 'postgres' ? connectPostgres(target, options) : connectSqlite(target, options)
}

// Dates, times and intervals stay the server's exact text (a JS Date drops microseconds and zones);
// JSON stays text so that what is shown and saved is what the database holds.
const textTypeOids = [1082, 1083, 1114, 1184, 1186, 1266, 114, 3802, 790]
// The text[] parser: elements stay strings (@types/pg does not list array type ids).
const textArrayOid = 1009
// numeric[] (1231) too: pg's own parser would turn its elements into floats and lose digits.
const textArrayOids = [1182, 1183, 1115, 1185, 1187, 1270, 199, 3807, 791, 1231]

function typeParserOf(types: typeof pg.types) {
  return (oid: number, format?: string): ((value: string) => unknown) => {
    if (textTypeOids.includes(oid)) return (value: string) => value
    if (textArrayOids.includes(oid)) return types.getTypeParser(textArrayOid as never, 'text')
    return types.getTypeParser(oid, (format ?? 'text') as 'text')
  }
}

/**
 * The driver of the dialect a URL names, imported only then: pg and better-sqlite3 are optional peer
 * dependencies, so an app serving SQLite never needs pg installed, nor a Postgres app better-sqlite3.
 */
async function importDriver<T>(
  name: 'pg' | 'better-sqlite3',
  target: DatabaseTarget,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load()
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    if (e.code !== 'ERR_MODULE_NOT_FOUND' || !e.message.includes(`'${name}'`)) throw error
    throw new ConnectError(`cannot open ${target.display}: the ${name} package is not installed (npm install ${name})`)
  }
}

async function connectPostgres(
  target: Extract<DatabaseTarget, { dialect: 'postgres' }>,
  options: ConnectOptions,
): Promise<Connection> {
  const pg = await importDriver('pg', target, async () => (await import('pg')).default)
  try {
    return await openPostgres(pg, target, options, options.readOnly === true)
  } catch (error) {
    // PgBouncer refuses the `options` startup parameter (SQLSTATE 08P01, "unsupported startup parameter"):
    // https://www.pgbouncer.org/config.html#ignore_startup_parameters. A role whose transactions are read-only
    // by its own settings still gives the guarantee, so connect without it and check that instead.
    if (!options.readOnly || (error as { cause?: { code?: string } }).cause?.code !== '08P01') throw error
  }
  const connection = await openPostgres(pg, target, options, false)
  const { rows } = await sql<{ on: string }>`select current_setting('default_transaction_read_only') as on`.execute(
    connection.db,
  )
  if (rows[0]?.on === 'on') return connection
  await connection.close()
  throw new ConnectError(
    `cannot open ${target.display} read-only: the server (a pooler such as PgBouncer) refuses the connection ` +
      'option Steward sets for that; make the role read-only instead (ALTER ROLE name SET ' +
      'default_transaction_read_only = on) or connect to Postgres directly',
  )
}

async function openPostgres(
  pg: typeof import('pg').default,
  target: Extract<DatabaseTarget, { dialect: 'postgres' }>,
  options: ConnectOptions,
  readOnlyOption: boolean,
): Promise<Connection> {
  const max = options.poolSize ?? 10
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    ...(readOnlyOption ? { options: '-c default_transaction_read_only=on' } : {}),
    types: { getTypeParser: typeParserOf(pg.types) as typeof pg.types.getTypeParser },
    Client: lastResultClient(pg),
  })
  // A client whose connection drops emits 'error', checked out or idle; unhandled, that ends the
  // process. The statement it was running fails on its own, and the pool drops the client on release.
  // The pool re-emits an idle client's error: already logged by the client's listener.
  const logger = options.logger ?? console
  pool.on('connect', (client) =>
    client.on('error', (error) => logger.error(`steward: a database connection was lost: ${describePgError(error)}`)),
  )
  pool.on('error', () => {})
  const bounded = boundedPool(pool, { max, acquireTimeoutMs: options.acquireTimeoutMs ?? 1_000 })
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: bounded }),
    ...(options.log ? { log: options.log } : {}),
  })
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    // The failed connect is the error to report; closing a pool that never connected adds nothing to it.
    await db.destroy().catch(() => {})
    throw new ConnectError(`cannot connect to ${target.display}: ${describePgError(error)}`, { cause: error })
  }
  answersLastResult.add(db)
  return { db, dialect: postgresDialect, target, close: () => db.destroy() }
}

function describePgError(error: unknown): string {
  const e = error as { code?: string; message?: string }
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running, and on that host and port?)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host'
    case 'ETIMEDOUT':
      return 'connection timed out'
    case '28P01':
    case '28000':
      return 'authentication failed (wrong user name or password)'
    case '3D000':
      return 'the database does not exist'
    default:
      return redact(e.message ?? String(error)).split('\n')[0] ?? 'unknown error'
  }
}

async function connectSqlite(
  target: Extract<DatabaseTarget, { dialect: 'sqlite' }>,
  options: ConnectOptions,
): Promise<Connection> {
  if (target.path !== ':memory:' && !options.create && !existsSync(target.path)) {
    throw new ConnectError(`cannot open ${target.display}: no such file ${target.path}`)
  }
  const Database = await importDriver('better-sqlite3', target, async () => (await import('better-sqlite3')).default)
  let database: SqliteDatabase.Database
  try {
    database = new Database(target.path, { fileMustExist: !options.create, readonly: options.readOnly === true })
    // Integers above 2^53 must not be rounded; the plugin below turns safe ones back into numbers.
    database.defaultSafeIntegers(true)
    database.pragma('foreign_keys = ON')
    database.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 1_000))}`)
    database.prepare('select count(*) from sqlite_schema').get()
  } catch (error) {
    throw new ConnectError(`cannot open ${target.display}: ${(error as Error).message}`)
  }
  const db = new Kysely<any>({
    dialect: new SqliteDialect({ database: cachingDatabase(database) }),
    plugins: [new SafeIntegerPlugin()],
    ...(options.log ? { log: options.log } : {}),
  })
  return { db, dialect: sqliteDialect, target, close: () => db.destroy() }
}
