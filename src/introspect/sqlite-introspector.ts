import { sql, type Kysely } from 'kysely'
import type { IntrospectOptions } from '../db/dialect.js'
import { resolveSqliteKind } from '../kinds/resolve-kind.js'
import { referentialActions, type Column, type ReferentialAction, type SchemaMetadata, type Table } from './metadata.js'
import { normalizeMetadata } from './normalize.js'
import {
  readSqliteCatalog,
  type ColumnRow,
  type ForeignKeyRow,
  type IndexColumnRow,
  type RelationRow,
  type SqliteCatalog,
} from './sqlite-catalog.js'
import { checkChoices } from './sqlite-check-choices.js'
import { parseCreateTable, type ParsedCreateTable } from './sqlite-create-table-parser.js'
import { parseIndexedTerms } from './sqlite-create-index-parser.js'
import { parseDeclaredType } from './sqlite-declared-type.js'
import { foldIdentifier, sameIdentifier } from './sqlite-sql-tokens.js'

/** Above this many rows a table's count stops: `estimatedRows` is then 10001, meaning "more than 10000". */
export const sqliteRowCountCap = 10_000

/**
 * Reads the `main` database of a SQLite connection into `SchemaMetadata`: tables, views and virtual
 * tables (as tables), never `sqlite_*` internals or the shadow tables behind virtual tables.
 *
 * SQLite keeps no constraint names in its pragmas, so names come from the CREATE TABLE text when it
 * has a `CONSTRAINT name`, else they are made up deterministically per table: `fk_<table>_<columns>`,
 * `uq_<table>_<columns>` and `check_<n>` (n counting unnamed checks in declared order), with `_2`, `_3`
 * appended on a clash. Indexes keep their real names, `sqlite_autoindex_*` included.
 */
export async function introspectSqlite(db: Kysely<any>, _options: IntrospectOptions = {}): Promise<SchemaMetadata> {
  const catalog = await readSqliteCatalog(db)
  const tables: Table[] = []
  for (const relation of catalog.relations) {
    const columns = catalog.columns.get(relation.name)
    // A relation whose columns cannot be read (a view over a dropped table) is kept with none, so its
    // page can say what is wrong instead of the table silently vanishing from the admin.
    tables.push(await buildTable(db, catalog, relation, columns ?? []))
  }
  return normalizeMetadata({ dialect: 'sqlite', schemas: ['main'], tables })
}

async function buildTable(
  db: Kysely<any>,
  catalog: SqliteCatalog,
  relation: RelationRow,
  rows: readonly ColumnRow[],
): Promise<Table> {
  const visible = rows.filter((row) => row.hidden !== 1)
  const indexRows = catalog.indexColumns.get(relation.name) ?? []
  const parsed = relation.type === 'table' && relation.sql ? parseCreateTable(relation.sql) : undefined
  const primaryKey = primaryKeyOf(rows)
  const alias = isRowidAlias(relation, rows, indexRows)
  const choices = choicesByColumn(parsed, visible)
  const taken = new Set<string>(
    [...(parsed?.checks ?? []), ...(parsed?.foreignKeys ?? []), ...(parsed?.uniques ?? [])].flatMap(
      (c) => c.name ?? [],
    ),
  )
  return {
    schema: 'main',
    name: relation.name,
    type: relation.type === 'view' ? 'view' : 'table',
    comment: null,
    columns: visible.map((row) => buildColumn(row, relation, alias, choices.get(foldIdentifier(row.name)) ?? null)),
    primaryKey,
    foreignKeys: buildForeignKeys(catalog, relation.name, parsed, taken),
    uniques: buildUniques(relation.name, indexRows, parsed, taken),
    indexes: buildIndexes(indexRows),
    checks: buildChecks(parsed, taken),
    withoutRowid: relation.wr === 1,
    strict: relation.strict === 1,
    estimatedRows: relation.type === 'view' ? null : await countRows(db, relation.name),
  }
}

function buildColumn(row: ColumnRow, relation: RelationRow, rowidAlias: boolean, choices: string[] | null): Column {
  const declared = parseDeclaredType(row.type)
  const inKey = row.pk > 0
  return {
    name: row.name,
    dataType: row.type,
    baseType: declared.baseType,
    kind: resolveSqliteKind({ baseType: declared.baseType, choices }),
    // SQLite lets NULL into a primary key column of a rowid table unless it says NOT NULL (a
    // historical bug kept for compatibility); the rowid alias and WITHOUT ROWID keys never hold NULL.
    nullable: row.notnull === 0 && !(inKey && (rowidAlias || relation.wr === 1)),
    default: row.dflt_value,
    identity: null,
    autoIncrement: inKey && rowidAlias,
    generated: row.hidden === 2 ? 'virtual' : row.hidden === 3 ? 'stored' : null,
    length: declared.length,
    precision: declared.precision,
    scale: declared.scale,
    choices,
    arrayElementType: null,
    domain: null,
    comment: null,
  }
}

/**
 * A lone `INTEGER PRIMARY KEY` column of a rowid table becomes the rowid itself: NOT NULL and assigned
 * when omitted, AUTOINCREMENT or not. The type must be exactly INTEGER, and `INTEGER PRIMARY KEY DESC`
 * is a famous exception; both cases show as a separate `pk` index, so that index rules the alias out.
 * https://www.sqlite.org/lang_createtable.html#rowid
 */
function isRowidAlias(
  relation: RelationRow,
  rows: readonly ColumnRow[],
  indexRows: readonly IndexColumnRow[],
): boolean {
  const keyColumns = rows.filter((row) => row.pk > 0)
  return (
    relation.type === 'table' &&
    relation.wr === 0 &&
    keyColumns.length === 1 &&
    keyColumns[0]?.type.toUpperCase() === 'INTEGER' &&
    !indexRows.some((row) => row.origin === 'pk')
  )
}

function primaryKeyOf(rows: readonly ColumnRow[]): string[] {
  return rows
    .filter((row) => row.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((row) => row.name)
}

/** The first simple `CHECK (col IN (…))` of each column, column-level or table-level, by folded name. */
function choicesByColumn(parsed: ParsedCreateTable | undefined, rows: readonly ColumnRow[]): Map<string, string[]> {
  const names = rows.map((row) => row.name)
  const choices = new Map<string, string[]>()
  for (const check of parsed?.checks ?? []) {
    const found = checkChoices(check.expression, names)
    const key = found && foldIdentifier(found.column)
    if (found && key !== null && !choices.has(key)) choices.set(key, [...found.values])
  }
  return choices
}

function buildForeignKeys(
  catalog: SqliteCatalog,
  table: string,
  parsed: ParsedCreateTable | undefined,
  taken: Set<string>,
): Table['foreignKeys'] {
  const byId = new Map<number, ForeignKeyRow[]>()
  for (const row of catalog.foreignKeys.get(table) ?? []) byId.set(row.id, [...(byId.get(row.id) ?? []), row])
  const unmatched = [...(parsed?.foreignKeys ?? [])]
  // SQLite numbers foreign keys from the last declared to the first; walk them in declared order
  // so that two identical clauses take their names in the order they were written.
  return [...byId.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, group]) => {
      group.sort((a, b) => a.seq - b.seq)
      const first = group[0] as ForeignKeyRow
      const columns = group.map((row) => row.from)
      const refTable = canonicalTable(catalog, first.ref_table)
      const at = unmatched.findIndex(
        (fk) => sameIdentifier(fk.refTable, first.ref_table) && sameNames(fk.columns, columns),
      )
      const declaredName = at >= 0 ? (unmatched.splice(at, 1)[0]?.name ?? null) : null
      const refColumns = group.every((row) => row.to !== null)
        ? group.map((row) => canonicalColumn(catalog, refTable, row.to as string))
        : primaryKeyOf(catalog.columns.get(refTable) ?? [])
      return {
        name: declaredName ?? claimName(taken, `fk_${table}_${columns.join('_')}`),
        columns,
        refSchema: 'main',
        refTable,
        refColumns,
        onDelete: referentialAction(first.on_delete),
        onUpdate: referentialAction(first.on_update),
      }
    })
}

function buildUniques(
  table: string,
  indexRows: readonly IndexColumnRow[],
  parsed: ParsedCreateTable | undefined,
  taken: Set<string>,
): Table['uniques'] {
  const unmatched = [...(parsed?.uniques ?? [])]
  return groupIndexes(indexRows.filter((row) => row.origin === 'u')).map((group) => {
    const columns = group.map((row) => row.column_name ?? '')
    const at = unmatched.findIndex((unique) => sameNames(unique.columns, columns))
    const declaredName = at >= 0 ? (unmatched.splice(at, 1)[0]?.name ?? null) : null
    return { name: declaredName ?? claimName(taken, `uq_${table}_${columns.join('_')}`), columns }
  })
}

function buildIndexes(indexRows: readonly IndexColumnRow[]): Table['indexes'] {
  return groupIndexes(indexRows).map((group) => {
    const first = group[0] as IndexColumnRow
    const terms = first.sql ? parseIndexedTerms(first.sql) : []
    return {
      name: first.index_name,
      columns: group.map((row) =>
        row.cid === -2 ? (terms[row.seqno] ?? '') : row.cid === -1 ? 'rowid' : (row.column_name ?? ''),
      ),
      unique: first.unique === 1,
      partial: first.partial === 1,
    }
  })
}

function buildChecks(parsed: ParsedCreateTable | undefined, taken: Set<string>): Table['checks'] {
  let unnamed = 0
  return (parsed?.checks ?? []).map((check) => ({
    name: check.name ?? claimName(taken, `check_${++unnamed}`),
    expression: check.expression,
  }))
}

/** Counts at most one row past the cap, so a huge table costs no more than a small one. */
async function countRows(db: Kysely<any>, table: string): Promise<number | null> {
  try {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from (select 1 from ${sql.id('main', table)} limit ${sqliteRowCountCap + 1})`.execute(db)
    return Number(rows[0]?.n ?? 0)
  } catch {
    return null // a virtual table can refuse a full scan
  }
}

function groupIndexes(rows: readonly IndexColumnRow[]): IndexColumnRow[][] {
  const groups = new Map<string, IndexColumnRow[]>()
  for (const row of rows) groups.set(row.index_name, [...(groups.get(row.index_name) ?? []), row])
  return [...groups.values()].map((group) => group.sort((a, b) => a.seqno - b.seqno))
}

/** The real name of a table that a REFERENCES clause may have written in another case. */
function canonicalTable(catalog: SqliteCatalog, written: string): string {
  return catalog.relations.find((relation) => sameIdentifier(relation.name, written))?.name ?? written
}

function canonicalColumn(catalog: SqliteCatalog, table: string, written: string): string {
  return catalog.columns.get(table)?.find((row) => sameIdentifier(row.name, written))?.name ?? written
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => sameIdentifier(name, b[i] as string))
}

function referentialAction(text: string): ReferentialAction {
  return referentialActions.find((action) => action === text.toLowerCase()) ?? 'no action'
}

function claimName(taken: Set<string>, base: string): string {
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
  taken.add(name)
  return name
}
