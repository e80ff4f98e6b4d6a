import type { ColumnKind } from '../introspect/metadata.js'

/** What an introspector knows about a column's type when it asks for its kind. */
export interface TypeFacts {
  /** Postgres: the base type's name (`int4`, `_text`, a domain already resolved); SQLite: the declared type. */
  readonly baseType: string
  /** Postgres type category: `e` enum, `A` array (pg_type.typcategory / typtype); absent on SQLite. */
  readonly category?: 'enum' | 'array' | undefined
  readonly choices?: readonly string[] | null
}

// https://www.postgresql.org/docs/current/datatype.html — type names as pg_type.typname.
const postgresTypes: Readonly<Record<string, ColumnKind>> = {
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  char: 'text',
  name: 'text',
  citext: 'text',
  xml: 'text',
  tsvector: 'text',
  tsquery: 'text',
  bit: 'text',
  varbit: 'text',
  money: 'text',
  int2: 'integer',
  int4: 'integer',
  oid: 'integer',
  int8: 'bigint',
  numeric: 'decimal',
  float4: 'float',
  float8: 'float',
  bool: 'boolean',
  date: 'date',
  timestamp: 'datetime',
  timestamptz: 'datetime',
  time: 'time',
  timetz: 'time',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'json',
  bytea: 'binary',
  inet: 'network',
  cidr: 'network',
  macaddr: 'network',
  macaddr8: 'network',
}

// SQLite types are free text; these patterns follow its affinity rules (https://www.sqlite.org/datatype3.html),
// refined by the names people write. The first match wins, so the specific ones come first.
const sqlitePatterns: ReadonlyArray<readonly [RegExp, ColumnKind]> = [
  [/BOOL/i, 'boolean'],
  [/DATETIME|TIMESTAMP/i, 'datetime'],
  [/DATE/i, 'date'],
  [/^TIME\b|^TIME$/i, 'time'],
  [/INTERVAL/i, 'interval'],
  [/BIGINT|INT8|UNSIGNED BIG INT/i, 'bigint'],
  [/INT/i, 'integer'],
  [/UUID|GUID/i, 'uuid'],
  [/JSON/i, 'json'],
  [/CHAR|CLOB|TEXT/i, 'text'],
  [/BLOB/i, 'binary'],
  [/REAL|FLOA|DOUB/i, 'float'],
  [/NUMERIC|DECIMAL|NUMBER|MONEY/i, 'decimal'],
  [/INET|CIDR|MACADDR/i, 'network'],
]

export function resolvePostgresKind(facts: TypeFacts): ColumnKind {
  if (facts.category === 'array') return 'array'
  if (facts.category === 'enum' || (facts.choices && facts.choices.length > 0)) return 'enum'
  return postgresTypes[facts.baseType] ?? 'unknown'
}

export function resolveSqliteKind(facts: TypeFacts): ColumnKind {
  if (facts.choices && facts.choices.length > 0) return 'enum'
  const declared = facts.baseType.trim()
  if (declared === '') return 'unknown'
  for (const [pattern, kind] of sqlitePatterns) if (pattern.test(declared)) return kind
  return 'unknown'
}
