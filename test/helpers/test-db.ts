import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { startPgServer, type PgServer } from './pg-server.js'

/** A fresh, empty database on one dialect, set up with `setupSql`, dropped by `drop()`. */
export interface TestDb {
  readonly dialect: 'postgres' | 'sqlite'
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
