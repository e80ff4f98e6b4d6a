import { sql } from 'kysely'
import { introspectSqlite } from '../introspect/sqlite-introspector.js'
import { DatabaseError, type DatabaseErrorCode } from './database-error.js'
import type { Dialect } from './dialect.js'
import { sqliteIndexAdvisor } from './sqlite-index-advisor.js'
import { sqliteOwnTables } from './sqlite-own-tables.js'
import { sqliteValueRules } from './sqlite-value-rules.js'
import { sqliteWorkerReader, withWorkerTimeout } from './sqlite-worker-reader.js'
import { immediateTransaction } from './sqlite-write-transaction.js'

// Extended result codes: https://www.sqlite.org/rescode.html
const resultCodes: Readonly<Record<string, DatabaseErrorCode>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_DATATYPE: 'invalid_value',
  SQLITE_INTERRUPT: 'timeout',
  // Primary codes stand for all their extended ones (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_READ…).
  // Another connection held the lock for longer than the busy timeout (see connect.ts):
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_CANTOPEN: 'unavailable',
  SQLITE_IOERR: 'unavailable',
}

const messages: Readonly<Record<DatabaseErrorCode, string>> = {
  unique: 'Another row already has this value; it must be unique.',
  foreign_key: 'A referenced row does not exist, or other rows still refer to this row.',
  not_null: 'This field is required.',
  check: 'The value is not allowed by a check constraint.',
  exclusion: 'The value overlaps with another row.',
  invalid_value: 'The value is not valid for this column.',
  timeout: 'The query took too long and was cancelled.',
  conflict: 'The row was changed by someone else at the same time; try again.',
  unavailable: 'The database file cannot be used at the moment.',
  busy: 'The database is busy at the moment.',
  other: 'The database refused the change.',
}

async function* inBatches<T>(rows: T[], size: number): AsyncGenerator<T[]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size)
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  defaultSchema: 'main',
  // Tables (unless WITHOUT ROWID) carry a hidden integer rowid.
  capabilities: {
    caseInsensitiveLike: 'like',
    textCast: 'text',
    rowid: true,
    nullsFirst: true,
    indexAvoidingPrefix: '+',
  },
  values: sqliteValueRules,
  ownTables: sqliteOwnTables,
  // The IMMEDIATE write transaction already excludes other writers.
  lockForUpdate: sql``,
  // Only a value stored as text is cut: a column of any declared type may hold numbers or blobs, which keep the
  // form the driver gives them.
  textPrefix(column, length) {
    if (column.kind !== 'text') return null
    const id = sql.id(column.name)
    return sql`case when typeof(${id}) = 'text' then substr(${id}, 1, ${sql.lit(length)}) else ${id} end`
  },
  indexAdvisor: sqliteIndexAdvisor,
  introspect: (db) => introspectSqlite(db),
  mapError(error) {
    if (error instanceof DatabaseError) return error
    if (typeof error !== 'object' || error === null) return undefined
    const e = error as { code?: unknown; message?: unknown }
    if (typeof e.code !== 'string' || !e.code.startsWith('SQLITE_')) return undefined
    const text = typeof e.message === 'string' ? e.message : ''
    const primary = e.code.split('_').slice(0, 2).join('_')
    // A RESTRICT reached through a cascade fails inside SQLite's FK trigger: SQLITE_CONSTRAINT_TRIGGER.
    const code =
      resultCodes[e.code] ??
      resultCodes[primary] ??
      (/FOREIGN KEY constraint failed/.test(text) ? 'foreign_key' : 'other')
    // "UNIQUE constraint failed: t.a, t.b" / "NOT NULL constraint failed: t.col" / "CHECK constraint failed: name"
    const failed = /constraint failed: (.+)$/.exec(text)?.[1] ?? ''
    const columns =
      code === 'unique' || code === 'not_null'
        ? failed
            .split(',')
            .map((part) => part.trim().split('.').slice(1).join('.'))
            .filter(Boolean)
        : []
    const constraint = code === 'check' && failed ? failed : undefined
    let message = messages[code]
    if (constraint) message = `The value is not allowed by the check constraint "${constraint}".`
    return new DatabaseError(code, message, { columns, ...(constraint ? { constraint } : {}), cause: error })
  },
  async readRowEstimates(db, only) {
    // ANALYZE writes each index's entry count (and, for a table without one, its row count) as the first
    // number of `stat`: https://www.sqlite.org/fileformat2.html#stat1tab. No ANALYZE yet: no table, no estimates.
    try {
      const { rows } = await sql<{ name: string; estimate: number }>`
        select tbl as name, max(cast(substr(stat, 1, instr(stat || ' ', ' ') - 1) as integer)) as estimate
        from main.sqlite_stat1 ${only ? sql`where tbl = ${only.name}` : sql``} group by tbl`.execute(db)
      return rows.map((row) => ({ schema: 'main', name: row.name, estimate: Number(row.estimate) }))
    } catch {
      return []
    }
  },
  async readIndexSpreads(db) {
    // `stat` is the index's entry count, then the average rows per value of its first column, of its first two…
    try {
      const { rows } = await sql<{ tbl: string; idx: string; stat: string }>`
        select tbl, idx, stat from main.sqlite_stat1 where idx is not null`.execute(db)
      return rows.flatMap((row) => {
        const rowsPerValue = Number(String(row.stat).split(' ')[1])
        return Number.isFinite(rowsPerValue) && rowsPerValue > 0
          ? [{ schema: 'main', table: row.tbl, index: row.idx, rowsPerValue }]
          : []
      })
    } catch {
      return []
    }
  },
  async readColumnWidths() {
    return new Map()
  },
  async readInBackground(db, query, { batchSize, timeoutMs }) {
    // One statement on a worker: one sort for the whole export, and the read lock held only while it runs, not
    // while a slow client downloads (a held read lock would block every writer).
    const read = withWorkerTimeout(db, timeoutMs, (trx) => trx.executeQuery<Record<string, unknown>>(query))
    return read && inBatches((await read).rows, batchSize)
  },
  writeTransaction(db, lockWaitMs, fn) {
    return immediateTransaction(db, lockWaitMs, fn, (error) => sqliteDialect.mapError(error)?.code === 'busy')
  },
  longReader: (db, options) => sqliteWorkerReader(db, options),
  // better-sqlite3 runs on the calling thread and exposes no interrupt, so no statement timeout on the main
  // connection; a worker reader's statements are stopped with their worker, in one transaction (one snapshot).
  async withStatementTimeout(db, ms, fn) {
    return withWorkerTimeout(db, ms, fn) ?? fn(db)
  },
  timedStatement(db, _ms, query) {
    return query.execute(db)
  },
  // Reads run one after another on the one connection already; without a timeout there is nothing to share.
  readSession(db, fn) {
    return fn(db)
  },
}
