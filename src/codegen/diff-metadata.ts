import { isDeepStrictEqual } from 'node:util'
import type { Column, ForeignKey, SchemaMetadata, Table } from '../introspect/metadata.js'
import { compare } from '../introspect/normalize.js'

export const differenceKinds = [
  'dialect-changed',
  'table-added',
  'table-removed',
  'table-type-changed',
  'column-added',
  'column-removed',
  'column-retyped',
  'primary-key-changed',
  'foreign-key-added',
  'foreign-key-removed',
  'foreign-key-changed',
  /** Anything else (defaults, comments, choices, indexes, uniques, checks, column order): the types still hold. */
  'details-changed',
] as const
export type DifferenceKind = (typeof differenceKinds)[number]

/** One way the live database differs from the expected metadata, for one table. */
export interface SchemaDifference {
  /** `schema.name`, also in the default schema; empty for `dialect-changed`. */
  readonly table: string
  readonly kind: DifferenceKind
  /** A short human sentence: `column "nickname" added (text, nullable)`. */
  readonly detail: string
}

/**
 * How `actual` (the live database) drifted from `expected` (what `generated/` was written from): tables and
 * views added or removed, columns added, removed or retyped (dataType, kind, nullability), primary and
 * foreign keys changed, and — as `details-changed` — any other difference. Sorted by table, then kind.
 * The server calls this at start-up to show drifted tables read-only.
 */
export function diffMetadata(expected: SchemaMetadata, actual: SchemaMetadata): SchemaDifference[] {
  if (expected.dialect !== actual.dialect) {
    return [
      {
        table: '',
        kind: 'dialect-changed',
        detail: `generated for ${expected.dialect}, database is ${actual.dialect}`,
      },
    ]
  }
  const before = byQualifiedName(expected.tables)
  const after = byQualifiedName(actual.tables)
  const differences: SchemaDifference[] = []
  for (const [name, table] of before) {
    const now = after.get(name)
    if (!now) differences.push({ table: name, kind: 'table-removed', detail: `${table.type} removed` })
    else differences.push(...diffTable(name, table, now))
  }
  for (const [name, table] of after) {
    if (!before.has(name)) {
      differences.push({
        table: name,
        kind: 'table-added',
        detail: `${table.type} added (${table.columns.length} columns)`,
      })
    }
  }
  return differences.sort(
    (a, b) => compare(a.table, b.table) || differenceKinds.indexOf(a.kind) - differenceKinds.indexOf(b.kind),
  )
}

/** One line per difference, grouped by table: what `steward generate --check` prints. */
export function formatDifferences(differences: readonly SchemaDifference[]): string {
  return differences.map((d) => (d.table ? `  ${d.table}: ${d.detail}` : `  ${d.detail}`)).join('\n')
}

function diffTable(name: string, expected: Table, actual: Table): SchemaDifference[] {
  const out: SchemaDifference[] = []
  const add = (kind: DifferenceKind, detail: string) => out.push({ table: name, kind, detail })
  if (expected.type !== actual.type) add('table-type-changed', `was a ${expected.type}, is now a ${actual.type}`)
  const columnsBefore = new Map(expected.columns.map((c) => [c.name, c]))
  const columnsAfter = new Map(actual.columns.map((c) => [c.name, c]))
  const details: string[] = []
  for (const column of expected.columns) {
    const now = columnsAfter.get(column.name)
    if (!now) add('column-removed', `column ${quote(column.name)} removed`)
    else {
      const retyped = columnTypeChange(column, now)
      if (retyped) add('column-retyped', `column ${quote(column.name)} ${retyped}`)
      const changedFacts = otherColumnFacts.filter((fact) => !same(column[fact], now[fact]))
      if (changedFacts.length > 0) details.push(`column ${quote(column.name)}: ${changedFacts.join(', ')}`)
    }
  }
  for (const column of actual.columns) {
    if (!columnsBefore.has(column.name))
      add('column-added', `column ${quote(column.name)} added (${describeColumn(column)})`)
  }
  if (!same(expected.primaryKey, actual.primaryKey)) {
    add(
      'primary-key-changed',
      `primary key was ${describeKey(expected.primaryKey)}, is now ${describeKey(actual.primaryKey)}`,
    )
  }
  diffForeignKeys(expected.foreignKeys, actual.foreignKeys, add)
  const common = actual.columns.filter((c) => columnsBefore.has(c.name)).map((c) => c.name)
  if (
    !same(
      expected.columns.map((c) => c.name).filter((c) => columnsAfter.has(c)),
      common,
    )
  )
    details.push('column order')
  for (const fact of otherTableFacts) if (!same(expected[fact], actual[fact])) details.push(fact)
  if (details.length > 0) add('details-changed', `changed: ${details.join('; ')}`)
  return out
}

function columnTypeChange(expected: Column, actual: Column): string | undefined {
  const changes: string[] = []
  if (expected.dataType !== actual.dataType) changes.push(`type ${expected.dataType} → ${actual.dataType}`)
  if (expected.kind !== actual.kind) changes.push(`kind ${expected.kind} → ${actual.kind}`)
  if (expected.nullable !== actual.nullable) changes.push(actual.nullable ? 'now nullable' : 'now not null')
  return changes.length > 0 ? `retyped: ${changes.join(', ')}` : undefined
}

const otherColumnFacts = [
  'baseType',
  'default',
  'identity',
  'autoIncrement',
  'generated',
  'length',
  'precision',
  'scale',
  'choices',
  'arrayElementType',
  'domain',
  'comment',
] as const satisfies ReadonlyArray<keyof Column>

const otherTableFacts = [
  'comment',
  'uniques',
  'indexes',
  'checks',
  'withoutRowid',
  'strict',
] as const satisfies ReadonlyArray<keyof Table>

/** Foreign keys are matched by their columns and target, not by name: SQLite's are unnamed and numbered. */
function diffForeignKeys(
  expected: readonly ForeignKey[],
  actual: readonly ForeignKey[],
  add: (kind: DifferenceKind, detail: string) => void,
): void {
  const identity = (fk: ForeignKey) => JSON.stringify([fk.columns, fk.refSchema, fk.refTable])
  const after = new Map(actual.map((fk) => [identity(fk), fk]))
  const before = new Map(expected.map((fk) => [identity(fk), fk]))
  for (const [id, fk] of before) {
    const now = after.get(id)
    if (!now) add('foreign-key-removed', `foreign key ${describeForeignKey(fk)} removed`)
    else if (!same(fk.refColumns, now.refColumns) || fk.onDelete !== now.onDelete || fk.onUpdate !== now.onUpdate) {
      add('foreign-key-changed', `foreign key ${describeForeignKey(fk)} is now ${describeForeignKey(now)}`)
    }
  }
  for (const [id, fk] of after)
    if (!before.has(id)) add('foreign-key-added', `foreign key ${describeForeignKey(fk)} added`)
}

function describeColumn(column: Column): string {
  return `${column.dataType}, ${column.nullable ? 'nullable' : 'not null'}`
}

function describeKey(columns: readonly string[]): string {
  return columns.length === 0 ? 'none' : `(${columns.map(quote).join(', ')})`
}

function describeForeignKey(fk: ForeignKey): string {
  return (
    `(${fk.columns.map(quote).join(', ')}) → ${fk.refSchema}.${fk.refTable}(${fk.refColumns.map(quote).join(', ')})` +
    ` on delete ${fk.onDelete}, on update ${fk.onUpdate}`
  )
}

function byQualifiedName(tables: readonly Table[]): Map<string, Table> {
  return new Map(tables.map((table) => [`${table.schema}.${table.name}`, table]))
}

const quote = (name: string) => JSON.stringify(name)
// Key order of objects is irrelevant (introspectors and zod may build them differently); array order is not.
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b)
