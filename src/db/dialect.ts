import type { Kysely } from 'kysely'
import type { DialectName, SchemaMetadata } from '../introspect/metadata.js'
import type { DatabaseError } from './database-error.js'

/** What differs between engines, as data; code asks a flag instead of comparing dialect names. */
export interface DialectCapabilities {
  /** `ilike` on Postgres; SQLite's `like` is already case-insensitive for ASCII. */
  readonly caseInsensitiveLike: 'ilike' | 'like'
  /** Whether a per-transaction statement timeout can be set. */
  readonly statementTimeout: boolean
  /** Whether the planner keeps a cheap row estimate (pg_class.reltuples). */
  readonly rowEstimates: boolean
  /** Whether a `CAST(x AS text)` is written `::text`-compatible; used for searching non-text keys. */
  readonly textCast: string
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
  introspect(db: Kysely<any>, options?: IntrospectOptions): Promise<SchemaMetadata>
  /** Translates a driver error; undefined when it is not a database error at all. */
  mapError(error: unknown): DatabaseError | undefined
  /** Runs `fn` in a transaction whose statements are cancelled after `ms` where the engine allows it. */
  withStatementTimeout<T>(db: Kysely<any>, ms: number, fn: (trx: Kysely<any>) => Promise<T>): Promise<T>
}
