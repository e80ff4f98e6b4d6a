import { introspectSqlite } from '../introspect/sqlite-introspector.js'
import { DatabaseError, type DatabaseErrorCode } from './database-error.js'
import type { Dialect } from './dialect.js'

// Extended result codes: https://www.sqlite.org/rescode.html
const resultCodes: Readonly<Record<string, DatabaseErrorCode>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_DATATYPE: 'invalid_value',
  SQLITE_INTERRUPT: 'timeout',
  SQLITE_BUSY: 'conflict',
}

const messages: Readonly<Record<DatabaseErrorCode, string>> = {
  unique: 'Another row already has this value; it must be unique.',
  foreign_key: 'A referenced row does not exist, or other rows still refer to this row.',
  not_null: 'This field is required.',
  check: 'The value is not allowed by a check constraint.',
  exclusion: 'The value overlaps with another row.',
  invalid_value: 'The value is not valid for this column.',
  timeout: 'The query took too long and was cancelled.',
  conflict: 'The database is busy; try again.',
  other: 'The database refused the change.',
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  defaultSchema: 'main',
  // better-sqlite3 runs on the calling thread and exposes no interrupt, so no statement timeout.
  capabilities: { caseInsensitiveLike: 'like', statementTimeout: false, rowEstimates: false, textCast: 'text' },
  introspect: (db) => introspectSqlite(db),
  mapError(error) {
    if (typeof error !== 'object' || error === null) return undefined
    const e = error as { code?: unknown; message?: unknown }
    if (typeof e.code !== 'string' || !e.code.startsWith('SQLITE_')) return undefined
    const code = resultCodes[e.code] ?? (e.code.startsWith('SQLITE_CONSTRAINT') ? 'other' : 'other')
    const text = typeof e.message === 'string' ? e.message : ''
    // "UNIQUE constraint failed: t.a, t.b" / "NOT NULL constraint failed: t.col" / "CHECK constraint failed: name"
    const failed = /constraint failed: (.+)$/.exec(text)?.[1] ?? ''
    const columns =
      code === 'unique' || code === 'not_null'
        ? failed.split(',').map((part) => part.trim().split('.').slice(1).join('.')).filter(Boolean)
        : []
    const constraint = code === 'check' && failed ? failed : undefined
    let message = messages[code]
    if (constraint) message = `The value is not allowed by the check constraint "${constraint}".`
    return new DatabaseError(code, message, { columns, ...(constraint ? { constraint } : {}), cause: error })
  },
  async withStatementTimeout(db, _ms, fn) {
    return fn(db)
  },
}
