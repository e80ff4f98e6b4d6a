import Database from 'better-sqlite3'
import pg from 'pg'

/** One SQL statement as Kysely sent it: the text and its bound parameters. */
export interface CapturedQuery {
  readonly sql: string
  readonly parameters: readonly unknown[]
}

/** Runs captured statements straight through the driver, without Steward, Kysely or HTTP. */
export interface RawRunner {
  run(queries: readonly CapturedQuery[]): Promise<void>
  close(): Promise<void>
}

export function sqliteRunner(path: string): RawRunner {
  const db = new Database(path)
  db.pragma('busy_timeout = 5000')
  db.defaultSafeIntegers(true)
  const statements = new Map<string, Database.Statement>()
  return {
    async run(queries) {
      for (const query of queries) {
        let statement = statements.get(query.sql)
        if (!statement) statements.set(query.sql, (statement = db.prepare(query.sql)))
        if (statement.reader) statement.all(...(query.parameters as unknown[]))
        else statement.run(...(query.parameters as unknown[]))
      }
    },
    async close() {
      db.close()
    },
  }
}

export function postgresRunner(url: string, poolSize: number): RawRunner {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  // The server is stopped right after the run; a connection it ends then is no failure of the bench.
  pool.on('error', () => {})
  return {
    async run(queries) {
      const client = await pool.connect()
      try {
        for (const query of queries) await client.query(query.sql, query.parameters as unknown[])
      } finally {
        client.release()
      }
    },
    async close() {
      await pool.end()
    },
  }
}
