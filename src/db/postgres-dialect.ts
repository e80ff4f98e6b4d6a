import { sql, type Kysely } from 'kysely'
import { introspectPostgres } from '../introspect/postgres-introspector.js'
import { DatabaseError, type DatabaseErrorCode } from './database-error.js'
import type { Dialect } from './dialect.js'
import { postgresIndexAdvisor } from './postgres-index-advisor.js'
import { postgresOwnTables } from './postgres-own-tables.js'
import { readSession, settingTransaction, timedStatement, timedTransaction } from './postgres-timed.js'
import { postgresValueRules } from './postgres-value-rules.js'

// SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const sqlStates: Readonly<Record<string, DatabaseErrorCode>> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23502': 'not_null',
  '23514': 'check',
  '23P01': 'exclusion',
  '57014': 'timeout',
  '40001': 'conflict',
  '40P01': 'conflict',
  '57P01': 'unavailable', // admin_shutdown: pg_terminate_backend, or the server stopping
  '57P02': 'unavailable', // crash_shutdown
  '57P03': 'unavailable', // cannot_connect_now: starting up or in recovery
  '53300': 'busy', // too_many_connections
  '55P03': 'busy', // lock_not_available: lock_timeout expired waiting for another transaction's lock
}

// Whole SQLSTATE classes: 08 connection exception, 22 data exception.
const sqlStateClasses: Readonly<Record<string, DatabaseErrorCode>> = {
  '08': 'unavailable',
  '22': 'invalid_value',
}

// Node's socket errors while connecting or talking to the server.
const socketCodes: Readonly<Record<string, DatabaseErrorCode>> = {
  ECONNREFUSED: 'unavailable',
  ECONNRESET: 'unavailable',
  EPIPE: 'unavailable',
  ETIMEDOUT: 'unavailable',
  EHOSTUNREACH: 'unavailable',
  ENETUNREACH: 'unavailable',
  ENOTFOUND: 'unavailable',
  EAI_AGAIN: 'unavailable',
}

// node-postgres and pg-pool raise these without a code: a lost connection, a connect that timed out.
const driverMessages: readonly (readonly [RegExp, DatabaseErrorCode])[] = [
  [/^Connection terminated/, 'unavailable'],
  [/^Client (has encountered a connection error|was closed) and is not queryable$/, 'unavailable'],
  [/^Query read timeout$/, 'unavailable'],
  [/^timeout exceeded when trying to connect$/, 'busy'],
]

interface PgDriverError {
  code?: string
  constraint?: string
  column?: string
  detail?: string
  message?: string
}

export const postgresDialect: Dialect = {
  name: 'postgres',
  defaultSchema: 'public',
  // ctid moves when a row is updated: no stable rowid.
  capabilities: {
    caseInsensitiveLike: 'ilike',
    textCast: 'text',
    rowid: false,
    nullsFirst: false,
    indexAvoidingPrefix: null,
  },
  values: postgresValueRules,
  ownTables: postgresOwnTables,
  lockForUpdate: sql` for update`,
  // text and varchar only: a char's padding, money, bit strings and the other types shown as text keep their form.
  textPrefix(column, length) {
    if (column.kind !== 'text' || (column.baseType !== 'text' && column.baseType !== 'varchar')) return null
    return sql`left(${sql.id(column.name)}, ${sql.lit(length)})`
  },
  indexAdvisor: postgresIndexAdvisor,
  introspect: introspectPostgres,
  mapError(error) {
    if (error instanceof DatabaseError) return error
    if (typeof error !== 'object' || error === null) return undefined
    const e = error as PgDriverError
    const code = codeOf(e)
    if (!code) return undefined
    const input = code === 'invalid_value' ? inputOf(e) : undefined
    return new DatabaseError(code, messageFor(code, e), {
      columns: columnsOf(e),
      ...(e.constraint ? { constraint: e.constraint } : {}),
      ...(input !== undefined ? { input } : {}),
      cause: error,
    })
  },
  async readRowEstimates(db, only) {
    // reltuples is -1 until the relation is first analysed: https://www.postgresql.org/docs/current/catalog-pg-class.html
    const { rows } = await sql<{ schema: string; name: string; estimate: number }>`
      select n.nspname as schema, c.relname as name, c.reltuples::float8 as estimate
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'm', 'f') and c.reltuples >= 0
        and n.nspname not in ('pg_catalog', 'information_schema')
        ${only ? sql`and n.nspname = ${only.schema} and c.relname = ${only.name}` : sql``}`.execute(db)
    return rows.map((row) => ({ schema: row.schema, name: row.name, estimate: Math.round(Number(row.estimate)) }))
  },
  longReader: (db) => db,
  // Postgres weighs a LIMIT against each plan itself: a common value under an indexed order already scans that index.
  async readIndexSpreads() {
    return []
  },
  async readColumnWidths(db, table) {
    // https://www.postgresql.org/docs/current/view-pg-stats.html: one row per column once analysed (two for a
    // parent of inheritance children; either width will do).
    const { rows } = await sql<{ column: string; width: number }>`
      select attname as column, avg_width as width from pg_catalog.pg_stats
      where schemaname = ${table.schema} and tablename = ${table.name}`.execute(db)
    return new Map(rows.map((row) => [row.column, Number(row.width)]))
  },
  async readInBackground() {
    return undefined
  },
  writeTransaction(db, lockWaitMs, fn) {
    // https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT (55P03 when it expires)
    return settingTransaction(db, 'lock_timeout', lockWaitMs, fn)
  },
  withStatementTimeout: timedTransaction,
  timedStatement,
  readSession,
}

function codeOf(e: PgDriverError): DatabaseErrorCode | undefined {
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
    return sqlStates[e.code] ?? sqlStateClasses[e.code.slice(0, 2)] ?? 'other'
  if (typeof e.code === 'string' && socketCodes[e.code]) return socketCodes[e.code]
  const message = typeof e.message === 'string' ? e.message : ''
  return driverMessages.find(([pattern]) => pattern.test(message))?.[1]
}

function columnsOf(e: PgDriverError): string[] {
  if (e.column) return [e.column]
  // "Key (a, b)=(1, 2) already exists." — the columns of a unique or foreign-key violation.
  const match = /^Key \((.+?)\)=/.exec(e.detail ?? '')
  if (!match?.[1]) return []
  return match[1].split(',').map((name) =>
    name
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/""/g, '"'),
  )
}

/** The value the server could not read, as it quotes it: `invalid input syntax for type interval: "x"`. */
function inputOf(e: PgDriverError): string | undefined {
  return /: "(.*)"$/s.exec(typeof e.message === 'string' ? e.message : '')?.[1]
}

function messageFor(code: DatabaseErrorCode, e: PgDriverError): string {
  switch (code) {
    case 'unique':
      return 'Another row already has this value; it must be unique.'
    case 'foreign_key':
      return /is still referenced/.test(e.detail ?? '')
        ? 'Other rows still refer to this row.'
        : 'The referenced row does not exist.'
    case 'not_null':
      return 'This field is required.'
    case 'check':
      return `The value is not allowed by the check constraint${e.constraint ? ` "${e.constraint}"` : ''}.`
    case 'exclusion':
      return 'The value overlaps with another row.'
    case 'timeout':
      return 'The query took too long and was cancelled.'
    case 'conflict':
      return 'The row was changed by someone else at the same time; try again.'
    case 'invalid_value':
      return 'The value is not valid for this column.'
    case 'unavailable':
      return 'The database cannot be reached at the moment.'
    case 'busy':
      return 'The database is busy at the moment.'
    default:
      return 'The database refused the change.'
  }
}
