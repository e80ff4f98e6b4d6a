import { createRequire } from 'node:module'
import type * as Codegen from 'kysely-codegen'
import type { Column, ColumnKind, DialectName, SchemaMetadata } from '../introspect/metadata.js'
import { compare } from '../introspect/normalize.js'
import { generatedHeader } from './generated-header.js'

// Required rather than imported: kysely-codegen is CommonJS and requires typescript, an optional peer of the
// installed package. On Node 20 a CommonJS module that throws while an ES module imports it is also reported as
// an uncaught exception, whatever catches the import; a require() throws once, to its caller.
const {
  AliasDeclarationNode,
  ColumnTypeNode,
  DatabaseMetadata,
  EnumCollection,
  GLOBAL_DEFINITIONS,
  GLOBAL_IMPORTS,
  IdentifierNode,
  PostgresDialect,
  SqliteDialect,
  TypeScriptSerializer,
  UnionExpressionNode,
  serializeFromMetadata,
} = createRequire(import.meta.url)('kysely-codegen') as typeof Codegen
type ColumnMetadataOptions = Codegen.ColumnMetadataOptions
type GeneratorDialect = Codegen.GeneratorDialect

/**
 * `db.ts`: the `DB` interface, serialized by kysely-codegen from *our* metadata rather than from its own
 * introspection. That keeps db.ts and schema.ts to exactly the same tables and fixes what its introspector
 * gets wrong (toolchain.md §3): SQLite generated columns are kept, enum values stay in declared order
 * (inline unions; its enum collection sorts them), and value types follow what `connect()` returns.
 */
export function renderKyselyTypes(metadata: SchemaMetadata): string {
  const dialect = metadata.dialect === 'postgres' ? postgresGenerator() : sqliteGenerator()
  const defaultSchema = metadata.dialect === 'postgres' ? 'public' : 'main'
  const tables = codegenTableOrder(metadata.tables, dialect, metadata.dialect).map((table) => ({
    name: table.name,
    schema: table.schema,
    isView: table.type !== 'table',
    columns: table.columns.map((column) => toCodegenColumn(column, metadata.dialect, dialect)),
  }))
  const source = withCodePointCollation(() =>
    serializeFromMetadata({
      dialect,
      // The default schema's tables are bare keys (`users`), all others keep their prefix (`billing.users`),
      // so same-named tables in two schemas never collide.
      defaultSchemas: [defaultSchema],
      metadata: new DatabaseMetadata({ enums: new EnumCollection(), tables }),
      serializer: new TableNameSafeSerializer(dialect),
    }),
  )
  return `${generatedHeader}\n${source}`
}

/**
 * kysely-codegen sorts tables, properties and type names with `localeCompare()`, whose order follows the
 * machine's locale (`LANG=sv_SE` puts `å` after `z`, `en_US` does not). For output that is the same on every
 * machine, its (synchronous) run sees code-point order; the original is restored before anything else runs.
 */
function withCodePointCollation<T>(fn: () => T): T {
  const localeCompare = String.prototype.localeCompare
  String.prototype.localeCompare = function (this: string, that: string) {
    return compare(String(this), String(that))
  }
  try {
    return fn()
  } finally {
    String.prototype.localeCompare = localeCompare
  }
}

/** The key of a table in the `DB` interface, as kysely-codegen writes it. */
export function dbKey(table: { schema: string; name: string }, dialect: DialectName): string {
  const defaultSchema = dialect === 'postgres' ? 'public' : 'main'
  return table.schema === defaultSchema ? table.name : `${table.schema}.${table.name}`
}

// SQLite types are free text, so the kind (already resolved from the declared type) picks one of the
// type names kysely-codegen's SQLite adapter knows.
const sqliteTypeByKind: Readonly<Record<ColumnKind, string>> = {
  text: 'text',
  integer: 'integer',
  bigint: 'int8',
  decimal: 'numeric',
  float: 'real',
  boolean: 'boolean',
  date: 'text',
  datetime: 'text',
  time: 'text',
  interval: 'text',
  uuid: 'text',
  json: 'text',
  enum: 'text',
  array: 'text',
  binary: 'blob',
  network: 'text',
  unknown: 'any',
}

function toCodegenColumn(column: Column, dialectName: DialectName, dialect: GeneratorDialect): ColumnMetadataOptions {
  const isArray = dialectName === 'postgres' && (column.kind === 'array' || column.baseType.startsWith('_'))
  const dataType =
    dialectName === 'sqlite'
      ? sqliteTypeByKind[column.kind]
      : isArray
        ? (column.arrayElementType ?? column.baseType.replace(/^_/, ''))
        : column.baseType
  const scalar = dialect.adapter.scalars[dataType]
  const holdsText = scalar === undefined || (scalar.type === 'Identifier' && scalar.name === 'string')
  return {
    name: column.name,
    dataType,
    // A schema no table lives in, so a table named like a type (`date`, `json`) is never taken for that type.
    dataTypeSchema: 'pg_catalog',
    enumValues: column.choices && column.choices.length > 0 && holdsText ? [...column.choices] : null,
    isArray,
    isNullable: column.nullable,
    hasDefaultValue: column.default !== null || column.generated !== null || column.identity !== null,
    isAutoIncrementing: column.autoIncrement,
    // A comment becomes a JSDoc block; one containing `*/` would end it early.
    comment: column.comment?.replaceAll('*/', '*\\/') ?? null,
  }
}

/**
 * kysely-codegen keeps type aliases and table interfaces in one symbol table named after the table, so a table
 * called `date`, `buffer`, `DB` or `timestamp` would shadow a type the file uses, or push the alias aside as
 * `Timestamp2` while columns still say `Timestamp`. This serializer gives such interfaces a trailing `_` (which
 * its own naming never produces) and always writes an alias under its real name; `codegenTableOrder` does the rest.
 */
class TableNameSafeSerializer extends TypeScriptSerializer {
  readonly #taken: ReadonlySet<string>
  readonly #aliasNames: ReadonlyMap<unknown, string>

  constructor(dialect: GeneratorDialect) {
    super({ skipAutogeneratedFileComment: true, typeOnlyImports: true })
    const definitions = { ...GLOBAL_DEFINITIONS, ...dialect.adapter.definitions }
    this.#aliasNames = new Map(Object.entries(definitions).map(([name, node]) => [node, name]))
    this.#taken = new Set([...reservedTypeNames(dialect), ...globalTypeNames])
  }

  override serializeIdentifier(node: Codegen.IdentifierNode): string {
    const name = super.serializeIdentifier(node)
    return node.isTableIdentifier && this.#taken.has(name) ? `${name}_` : name
  }

  override serializeAliasDeclaration(node: Codegen.AliasDeclarationNode): string {
    const name = this.#aliasNames.get(node.body)
    return super.serializeAliasDeclaration(name ? new AliasDeclarationNode(name, node.body) : node)
  }
}

const globalTypeNames = [
  'DB',
  'Date',
  'Buffer',
  'Array',
  'Record',
  'String',
  'Number',
  'Boolean',
  'Object',
  'Symbol',
  'BigInt',
]

function reservedTypeNames(dialect: GeneratorDialect): string[] {
  const { definitions, imports } = dialect.adapter
  return [GLOBAL_DEFINITIONS, GLOBAL_IMPORTS, definitions, imports].flatMap((names) => Object.keys(names))
}

/**
 * A table whose DB key is exactly a type's name (`Timestamp`) would take that symbol before a later column
 * registers the type, and the type would never be written. Such tables go last (output order is sorted anyway).
 */
function codegenTableOrder<T extends { schema: string; name: string }>(
  tables: readonly T[],
  dialect: GeneratorDialect,
  dialectName: DialectName,
): T[] {
  const reserved = new Set(reservedTypeNames(dialect))
  const clashes = (table: T) => reserved.has(dbKey(table, dialectName))
  return [...tables.filter((table) => !clashes(table)), ...tables.filter(clashes)]
}

const string = () => new IdentifierNode('string')
const union = (...names: string[]) => new UnionExpressionNode(names.map((name) => new IdentifierNode(name)))

/** `connect()` keeps dates, timestamps, intervals and JSON as the server's text, so they are typed as text. */
function postgresGenerator(): GeneratorDialect {
  const dialect = new PostgresDialect({ dateParser: 'timestamp', numericParser: 'string' })
  const { scalars, definitions } = dialect.adapter
  definitions.Timestamp = new ColumnTypeNode(string(), union('Date', 'string'), union('Date', 'string'))
  scalars.interval = string()
  scalars.json = string()
  scalars.jsonb = string()
  return dialect
}

/** better-sqlite3 runs with safe integers: a 64-bit value beyond 2^53 arrives as an exact decimal string. */
function sqliteGenerator(): GeneratorDialect {
  const dialect: GeneratorDialect = new SqliteDialect()
  const { scalars, definitions } = dialect.adapter
  const written = union('number', 'string', 'bigint')
  definitions.Int8 = new ColumnTypeNode(union('number', 'string'), written, written)
  scalars.int8 = new IdentifierNode('Int8')
  return dialect
}
