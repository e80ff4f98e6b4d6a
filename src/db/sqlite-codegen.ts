import type { GeneratorDialect } from 'kysely-codegen'
import type { ColumnKind } from '../introspect/metadata.js'
import type { CodegenDialect } from './codegen-dialect.js'
import { codegen } from './kysely-codegen.js'

const { ColumnTypeNode, IdentifierNode, SqliteDialect, UnionExpressionNode } = codegen

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

const union = (...names: string[]) => new UnionExpressionNode(names.map((name) => new IdentifierNode(name)))

export const sqliteCodegen: CodegenDialect = {
  /** better-sqlite3 runs with safe integers: a 64-bit value beyond 2^53 arrives as an exact decimal string. */
  generator() {
    const dialect: GeneratorDialect = new SqliteDialect()
    const { scalars, definitions } = dialect.adapter
    const written = union('number', 'string', 'bigint')
    definitions.Int8 = new ColumnTypeNode(union('number', 'string'), written, written)
    scalars.int8 = new IdentifierNode('Int8')
    return dialect
  },
  columnType: (column) => ({ dataType: sqliteTypeByKind[column.kind], isArray: false }),
}
