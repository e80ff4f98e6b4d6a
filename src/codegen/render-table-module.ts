import type { DialectName, Table } from '../introspect/metadata.js'
import { stewardSpecifier } from './file-names.js'
import { generatedHeader } from './generated-header.js'
import { dbKey } from './kysely-types.js'

export interface TableModuleImports {
  /** Specifiers from this module to `db.ts` and `schema.ts`. */
  readonly db: string
  readonly schema: string
}

/**
 * One module per table: its metadata (the entry of `schema.ts`, by position — both files are written from the
 * same sorted metadata) and its row types against the generated `DB`. Views get the same exports so the
 * registry has one shape; the metadata's `type` says they are read-only.
 */
export function renderTableModule(
  table: Table,
  position: number,
  dialect: DialectName,
  imports: TableModuleImports,
): string {
  const key = JSON.stringify(dbKey(table, dialect))
  const keyColumns = table.primaryKey.map((name) => JSON.stringify(name)).join(' | ')
  return [
    generatedHeader,
    "import type { Insertable, Selectable, Updateable } from 'kysely'",
    `import type { Table } from '${stewardSpecifier}'`,
    `import type { DB } from '${imports.db}'`,
    `import { schema } from '${imports.schema}'`,
    '',
    `/** ${commentText(`${JSON.stringify(table.schema)}.${JSON.stringify(table.name)}`)} (${table.type}) */`,
    `export const table: Table = schema.tables[${position}]!`,
    '',
    "/** The table's key in the `DB` interface: `db.selectFrom(dbName)`. */",
    `export const dbName = ${key}`,
    '',
    `export type Row = Selectable<DB[${key}]>`,
    `export type NewRow = Insertable<DB[${key}]>`,
    `export type RowUpdate = Updateable<DB[${key}]>`,
    '/** The primary key columns of a row; `never` when the table has no primary key. */',
    `export type Key = ${keyColumns ? `Pick<Row, ${keyColumns}>` : 'never'}`,
    '',
  ].join('\n')
}

/** Text safe inside a block comment, whatever a database name contains. */
export function commentText(text: string): string {
  return text.replaceAll('*/', '*\\/').replace(/[\r\n\u2028\u2029]/g, ' ')
}
