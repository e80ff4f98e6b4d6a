import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { after, before } from 'node:test'
import Database from 'better-sqlite3'
import type { Hono } from 'hono'
import pg from 'pg'
import { connect, type Connection, type ConnectOptions } from '../../src/db/connect.js'
import { createAdmin, type AdminOptions } from '../../src/http/create-admin.js'
import type { DialectName, SchemaMetadata } from '../../src/introspect/metadata.js'
import { startPgServer, type PgServer } from './pg-server.js'

/** A fresh, empty database on one dialect, set up with `setupSql`, dropped by `drop()`. */
export interface TestDb {
  readonly dialect: DialectName
  readonly url: string
  /** Runs more SQL against the database outside Steward (to change data or schema under it). */
  exec(sqlText: string): Promise<void>
  drop(): Promise<void>
}

let ownServer: Promise<PgServer> | undefined

/** The server the test runner started, or one of this process's own when a file runs alone. */
async function pgServerUrl(): Promise<string> {
  const given = process.env.STEWARD_TEST_PG_URL ?? process.env.DATABASE_URL
  if (given) return given
  ownServer ??= startPgServer().then((server) => {
    process.once('beforeExit', () => void server.stop())
    return server
  })
  return (await ownServer).url
}

export async function createSqliteDb(setupSql = ''): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-sqlite-'))
  const path = join(dir, 'test.db')
  const db = new Database(path)
  db.exec(setupSql)
  db.close()
  return {
    dialect: 'sqlite',
    url: `sqlite:${path}`,
    async exec(sqlText) {
      const conn = new Database(path)
      try {
        conn.exec(sqlText)
      } finally {
        conn.close()
      }
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function createPostgresDb(setupSql = ''): Promise<TestDb> {
  const serverUrl = new URL(await pgServerUrl())
  const name = `steward_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl.toString() })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const exec = async (sqlText: string) => {
    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    try {
      await client.query(sqlText)
    } finally {
      await client.end()
    }
  }
  if (setupSql) await exec(setupSql)
  return {
    dialect: 'postgres',
    url: url.toString(),
    exec,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl.toString() })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

/** One entry per dialect, so a suite runs the same cases on both from one table. */
export const dialects = [
  { name: 'sqlite' as const, create: createSqliteDb },
  { name: 'postgres' as const, create: createPostgresDb },
]

const createDb: Record<DialectName, (setupSql?: string) => Promise<TestDb>> = {
  sqlite: createSqliteDb,
  postgres: createPostgresDb,
}

/** The schema a dialect's tables are in unless named: what `/<schema>/<table>/` URLs start with. */
export const defaultSchema: Record<DialectName, string> = { sqlite: 'main', postgres: 'public' }

/**
 * Where the audit log is read from when its target is the usual one: a table on Postgres (`steward.audit_log`),
 * a file on SQLite, attached as `steward_audit`.
 */
export const auditLogTable: Record<DialectName, string> = {
  postgres: 'steward.audit_log',
  sqlite: 'steward_audit.audit_log',
}

/** A fresh, empty Postgres database and a plain `pg` client on it, to ask the server itself. */
export async function openPgClient(): Promise<{ test: TestDb; client: pg.Client; close(): Promise<void> }> {
  const test = await createPostgresDb()
  const client = new pg.Client({ connectionString: test.url })
  try {
    await client.connect()
  } catch (error) {
    await test.drop()
    throw error
  }
  return {
    test,
    client,
    async close() {
      try {
        await client.end()
      } finally {
        await test.drop()
      }
    },
  }
}

/** A test database opened through Steward: the connection, the metadata read from it, and admins over it. */
export interface AdminDb {
  readonly test: TestDb
  readonly connection: Connection
  readonly schema: SchemaMetadata
  /** The default schema as URLs name it: `main` on SQLite, `public` on Postgres. */
  readonly s: string
  /** An admin over the connection, without the start-up drift check unless `options` asks for it. */
  admin(options?: Partial<AdminOptions>): Hono<any>
  /** Closes the connection and drops the database. */
  close(): Promise<void>
}

/** The SQL that sets a fresh database up, or that and how to connect to it (a query log, a pool size…). */
export type AdminDbSetup = string | { readonly sql: string; readonly connect?: ConnectOptions }

/** A fresh database on `dialect` set up with `setup`, connected and introspected. */
export async function openAdminDb(dialect: DialectName, setup: AdminDbSetup): Promise<AdminDb> {
  const { sql, connect: connectOptions } = typeof setup === 'string' ? { sql: setup, connect: undefined } : setup
  const test = await createDb[dialect](sql)
  let connection: Connection | undefined
  try {
    connection = await connect(test.url, connectOptions)
    const schema = await connection.dialect.introspect(connection.db)
    const db = connection.db
    return {
      test,
      connection,
      schema,
      s: connection.dialect.defaultSchema,
      admin: (adminOptions = {}) => createAdmin({ db, schema, checkDrift: false, ...adminOptions }),
      async close() {
        try {
          await connection!.close()
        } finally {
          await test.drop()
        }
      },
    }
  } catch (error) {
    await connection?.close()
    await test.drop()
    throw error
  }
}

/** Runs `fn` over a fresh database set up with `setup`, then closes and drops it, whatever `fn` did. */
export async function withAdmin<T>(
  dialect: DialectName,
  setup: AdminDbSetup,
  fn: (db: AdminDb) => Promise<T>,
): Promise<T> {
  const db = await openAdminDb(dialect, setup)
  try {
    return await fn(db)
  } finally {
    await db.close()
  }
}

/**
 * Opens a fixture in the enclosing `describe`'s `before` hook and closes it in its `after` hook. The object
 * returned is filled in by `before`, so the suite's tests use it directly:
 * `const fx = suiteFixture(() => openAdminDb(dialect, setup))`.
 */
export function suiteFixture<T extends { close(): Promise<void> }>(open: () => Promise<T>): T {
  const fixture = {} as T
  let opened: T | undefined
  before(async () => {
    opened = await open()
    Object.assign(fixture, opened)
  })
  after(async () => {
    await opened?.close()
  })
  return fixture
}
