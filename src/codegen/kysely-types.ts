import type * as Codegen from 'kysely-codegen'
import type { ColumnMetadataOptions, GeneratorDialect } from 'kysely-codegen'
import { codegenDialectFor, type CodegenDialect } from '../db/codegen-dialect.js'
import { dialectFor } from '../db/dialects.js'
import { codegen, codegenModule } from '../db/kysely-codegen.js'
import type { Column, DialectName, SchemaMetadata } from '../introspect/metadata.js'
import { compare } from '../introspect/normalize.js'
import { generatedHeader } from './generated-header.js'

const {
  AliasDeclarationNode,
  DatabaseMetadata,
  EnumCollection,
  GLOBAL_DEFINITIONS,
  GLOBAL_IMPORTS,
  IdentifierNode,
  TypeScriptSerializer,
  serializeFromMetadata,
} = codegen

/**
 * `db.ts`: the `DB` interface, serialized by kysely-codegen from *our* metadata rather than from its own
 * introspection. That keeps db.ts and schema.ts to exactly the same tables and fixes what its introspector
 * gets wrong (toolchain.md §3): SQLite generated columns are kept, enum values stay in declared order
 * (inline unions; its enum collection sorts them), and value types follow what `connect()` returns.
 */
export function renderKyselyTypes(metadata: SchemaMetadata): string {
  const codegen = codegenDialectFor(metadata.dialect)
  const dialect = codegen.generator()
  const { defaultSchema } = dialectFor(metadata.dialect)
  const tables = codegenTableOrder(metadata.tables, dialect, metadata.dialect).map((table) => ({
    name: table.name,
    schema: table.schema,
    isView: table.type !== 'table',
    columns: table.columns.map((column) => toCodegenColumn(column, codegen, dialect)),
  }))
  const source = withCodePointCollation(() =>
    withPrototypeFreeSymbols(() =>
      serializeFromMetadata({
        dialect,
        // The default schema's tables are bare keys (`users`), all others keep their prefix (`billing.users`),
        // so same-named tables in two schemas never collide.
        defaultSchemas: [defaultSchema],
        metadata: new DatabaseMetadata({ enums: new EnumCollection(), tables }),
        serializer: new TableNameSafeSerializer(dialect),
      }),
    ),
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

type SymbolCollectionClass = typeof Codegen.SymbolCollection
const symbolModule = codegenModule('dist/generator/transformer/symbol-collection.js') as {
  SymbolCollection: SymbolCollectionClass
}

/**
 * kysely-codegen keeps its type names in plain objects keyed by table name: a table named `constructor` or
 * `toString` finds what every object inherits there, and the run fails ("….localeCompare is not a
 * function"); one named `__proto__` is lost. During its (synchronous) run, every collection it makes keeps
 * them in objects without a prototype; the original class is restored before anything else runs.
 */
function withPrototypeFreeSymbols<T>(fn: () => T): T {
  const Original = symbolModule.SymbolCollection
  symbolModule.SymbolCollection = class extends Original {
    constructor(options?: ConstructorParameters<SymbolCollectionClass>[0]) {
      super({ ...options, entries: [] })
      const self = this as unknown as { symbolNames: object; symbols: object }
      self.symbolNames = Object.create(null) as object
      self.symbols = Object.create(null) as object
      const entries = [...(options?.entries ?? [])].sort(([a], [b]) => a.localeCompare(b))
      for (const [id, symbol] of entries) this.set(id, symbol)
    }
  }
  try {
    return fn()
  } finally {
    symbolModule.SymbolCollection = Original
  }
}

/** The key of a table in the `DB` interface, as kysely-codegen writes it. */
export function dbKey(table: { schema: string; name: string }, dialect: DialectName): string {
  const { defaultSchema } = dialectFor(dialect)
  return table.schema === defaultSchema ? table.name : `${table.schema}.${table.name}`
}

function toCodegenColumn(column: Column, codegen: CodegenDialect, dialect: GeneratorDialect): ColumnMetadataOptions {
  const { dataType, isArray } = codegen.columnType(column)
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
