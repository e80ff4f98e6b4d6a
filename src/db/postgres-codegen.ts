import type { CodegenDialect } from './codegen-dialect.js'
import { codegen } from './kysely-codegen.js'

const { ColumnTypeNode, IdentifierNode, PostgresDialect, UnionExpressionNode } = codegen

const string = () => new IdentifierNode('string')
const union = (...names: string[]) => new UnionExpressionNode(names.map((name) => new IdentifierNode(name)))

export const postgresCodegen: CodegenDialect = {
  /** `connect()` keeps dates, timestamps, intervals and JSON as the server's text, so they are typed as text. */
  generator() {
    const dialect = new PostgresDialect({ dateParser: 'timestamp', numericParser: 'string' })
    const { scalars, definitions } = dialect.adapter
    definitions.Timestamp = new ColumnTypeNode(string(), union('Date', 'string'), union('Date', 'string'))
    scalars.interval = string()
    scalars.json = string()
    scalars.jsonb = string()
    return dialect
  },
  columnType(column) {
    const isArray = column.kind === 'array' || column.baseType.startsWith('_')
    const dataType = isArray ? (column.arrayElementType ?? column.baseType.replace(/^_/, '')) : column.baseType
    return { dataType, isArray }
  },
}
