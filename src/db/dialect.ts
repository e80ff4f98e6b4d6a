import type { CompiledQuery, Kysely, QueryResult, RawBuilder } from 'kysely'
import type { Column, DialectName, SchemaMetadata } from '../introspect/metadata.js'
import type { DatabaseError } from './database-error.js'
import type { DatabaseTarget } from './database-url.js'
import type { ValueRules } from './value-rules.js'

/** What differs between engines, as data; code asks a flag instead of comparing dialect names. */
export interface DialectCapabilities {
  /** `ilike` on Postgres; SQLite's `like` is already case-insensitive for ASCII. */
  readonly caseInsensitiveLike: 'ilike' | 'like'
  /** The type a search casts a non-text column to before matching it. */
  readonly textCast: string
  /** Whether a table without a usable key still has a stable hidden `rowid` to address rows by. */
  readonly rowid: boolean
  /**
   * Whether NULL comes before every value in an ascending order (SQLite) rather than after it (Postgres).
   * https://www.sqlite.org/lang_select.html#the_order_by_clause, https://www.postgresql.org/docs/current/queries-order.html
   */
  readonly nullsFirst: boolean
  /**
   * Written before a column in a condition so that the planner does not look the value up through an index on it
   * (SQLite's unary `+`, https://www.sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_), or
   * null where the planner weighs a LIMIT itself (Postgres). See `scannedFilters`.
   */
  readonly indexAvoidingPrefix: '+' | null
}

/** How many rows share one value of an index's first column, on average, by the planner's statistics. */
export interface IndexSpread {
  readonly schema: string
  readonly table: string
  readonly index: string
  readonly rowsPerValue: number
}

/** Where Steward keeps tables of its own (accounts, the audit log): never among the user's tables. */
export interface OwnTables {
  /** Whether they live in a file attached as a schema (SQLite) rather than in a schema of the database. */
  readonly inFile: boolean
  /** The default place beside the database: a schema name, or a path for `file`; undefined when there is none. */
  defaultPlace(target: DatabaseTarget, file: string): string | undefined
  /** Creates the schema, or attaches the file as `schema`, unless it already exists. */
  prepare(db: Kysely<any>, place: { readonly schema: string; readonly file?: string }): Promise<void>
  /** Whether a transaction over the user's tables and these commits atomically. */
  commitsAtomically(db: Kysely<any>): Promise<boolean>
  /** The column definition of a numbered primary key. */
  readonly numberedKey: RawBuilder<unknown>
  /** `create index if not exists` on one of these tables; `columns` is the parenthesised list. */
  createIndex(db: Kysely<any>, index: OwnIndex): Promise<void>
  /** The names of a table's columns. */
  columnNames(db: Kysely<any>, schema: string, table: string): Promise<string[]>
}

export interface OwnIndex {
  readonly schema: string
  readonly table: string
  readonly name: string
  readonly columns: RawBuilder<unknown>
}

/**
 * What `steward doctor` needs to know of an engine's indexes to advise on them; it only advises, never creates.
 * Statements are complete SQL text for a person to review and run.
 */
export interface IndexAdvisor {
  /**
   * Indexes the planner can use for a substring match (`like '%x%'`), as `schema.table.column` keys, or
   * `schema.table.column::text` for an index on the column's text cast (Postgres: a pg_trgm GIN or GiST operator
   * class), and the names (`schema.index`) of indexes that cannot serve an equality filter or an ordering the way a
   * btree does. Of every table, or of `only` one.
   */
  readIndexKinds(db: Kysely<any>, only?: TableName): Promise<IndexKinds>
  /** The statements that create an index serving a substring match on `column`; null where none can (SQLite). */
  substringIndex(table: TableName, column: string, castToText: boolean): readonly string[] | null
  /** The statement that creates a plain (btree) index on `columns`, in order. */
  btreeIndex(table: TableName, columns: readonly string[]): string
}

export interface IndexKinds {
  readonly substring: ReadonlySet<string>
  readonly unordered: ReadonlySet<string>
}

export interface TableName {
  readonly schema: string
  readonly name: string
}

export interface RowEstimate {
  readonly schema: string
  readonly name: string
  readonly estimate: number
}

export interface IntrospectOptions {
  /** Postgres schemas to read; all non-system schemas when empty. */
  readonly schemas?: readonly string[]
}

export interface Dialect {
  readonly name: DialectName
  /** The schema unqualified names live in: `public` or `main`. */
  readonly defaultSchema: string
  readonly capabilities: DialectCapabilities
  readonly values: ValueRules
  readonly ownTables: OwnTables
  /** Appended to a `select` that reads rows about to be changed in a write transaction, to lock them. */
  readonly lockForUpdate: RawBuilder<unknown>
  /**
   * `column`'s first `length` characters, to select in its place where a page shows no more of it; null where a
   * cut could change what is shown (a padded `char`, a type shown as text that is not text).
   */
  textPrefix(column: Column, length: number): RawBuilder<unknown> | null
  readonly indexAdvisor: IndexAdvisor
  introspect(db: Kysely<any>, options?: IntrospectOptions): Promise<SchemaMetadata>
  /** Translates a driver error; undefined when it is not a database error at all. */
  mapError(error: unknown): DatabaseError | undefined
  /**
   * The planner's row estimates, where the engine keeps them (Postgres `pg_class.reltuples`, SQLite
   * `sqlite_stat1` after ANALYZE): one query for all tables, or for `only` one. Tables never analysed are absent.
   */
  readRowEstimates(db: Kysely<any>, only?: { readonly schema: string; readonly name: string }): Promise<RowEstimate[]>
  /**
   * The planner's rows per value of the first column of each analysed index (see `scannedFilters`); empty where
   * the dialect needs no help choosing between an index for the filter and one for the order (Postgres).
   */
  readIndexSpreads(db: Kysely<any>): Promise<IndexSpread[]>
  /**
   * The average stored width in bytes of a table's columns, by name, where the engine has measured it (Postgres
   * `pg_stats.avg_width` after ANALYZE); empty where it has not (SQLite keeps no such statistic).
   */
  readColumnWidths(db: Kysely<any>, table: TableName): Promise<Map<string, number>>
  /**
   * Reads every row of one long query as one statement, in batches, without holding up other requests, where
   * `db` is a `longReader` that runs statements elsewhere (SQLite: a worker process). Undefined where it is not
   * needed: node-postgres is asynchronous already, and a caller may page through the rows itself. The read fails
   * as a timeout when the statement takes longer than `timeoutMs`.
   */
  readInBackground(
    db: Kysely<any>,
    query: CompiledQuery,
    options: { readonly batchSize: number; readonly timeoutMs: number },
  ): Promise<AsyncGenerator<Record<string, unknown>[]> | undefined>
  /**
   * A handle for reads that may run long (a search, a scan): they must never hold up other requests. SQLite
   * (whose driver blocks the calling thread) runs them on up to `size` worker processes, each with a read-only
   * connection of its own to the same file, and stops one past `statementTimeoutMs`; Postgres is asynchronous
   * already: `db` itself. Made once per handle; costs nothing until its first statement.
   */
  longReader(db: Kysely<any>, options: { readonly size: number; readonly statementTimeoutMs: number }): Kysely<any>
  /**
   * Runs `fn` in a write transaction in which rows read with `lockForUpdate` cannot change before it ends.
   * A lock held elsewhere is waited for at most `lockWaitMs`; then the write fails as "busy".
   */
  writeTransaction<T>(db: Kysely<any>, lockWaitMs: number, fn: (trx: Kysely<any>) => Promise<T>): Promise<T>
  /** Runs `fn` in a transaction whose statements are cancelled after `ms` where the engine allows it. */
  withStatementTimeout<T>(db: Kysely<any>, ms: number, fn: (trx: Kysely<any>) => Promise<T>): Promise<T>
  /**
   * Runs one read statement, cancelled after `ms` where the engine allows it, in as few round trips as the engine
   * allows: `withStatementTimeout` around one statement, without a transaction's `begin` and `commit` where it can.
   */
  timedStatement<R>(db: Kysely<any>, ms: number, query: RawBuilder<R>): Promise<QueryResult<R>>
  /**
   * Runs `fn` with a handle whose timed reads (`withStatementTimeout`, `timedStatement`) share one connection and,
   * while none fails, one transaction: the first read begins it, `fn` returning ends it. A read that fails ends it
   * there (a failed statement aborts a Postgres transaction) and the next read begins a new one, so each read's
   * failure stays its own without a savepoint's round trips. For a page of several reads that may each fail alone.
   */
  readSession<T>(db: Kysely<any>, fn: (reads: Kysely<any>) => Promise<T>): Promise<T>
}
