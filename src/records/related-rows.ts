import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Column, ForeignKey } from '../introspect/metadata.js'
import type { Logger } from '../logger.js'
import { countRows, type RowCount } from '../list/count-rows.js'
import { loadForeignLabels, type ForeignLabel } from '../list/foreign-labels.js'
import { orderByClause } from '../list/keyset.js'
import { resolveOrdering } from '../list/ordering.js'
import { matchColumns, selectList } from '../list/sql-identifiers.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Resource } from '../resources/resource.js'
import { rowKeyColumns } from './record-ref.js'
import { rowSource, type Reader } from './scoped-from.js'

type Row = Readonly<Record<string, unknown>>

/** The rows of one table that point at a row through one foreign key. */
export interface RelatedRows {
  readonly child: Resource
  readonly fk: ForeignKey
  /** The row's values of `fk.refColumns`: what the child's foreign key columns hold. */
  readonly values: readonly unknown[]
  /** What was read; null when the child could not be read (the driver's error is logged). */
  readonly read: {
    /** The child's columns read for each row, besides its key. */
    readonly columns: readonly Column[]
    /** The first rows in the child's default ordering (newest first where it has one). */
    readonly rows: readonly Row[]
    readonly count: RowCount
    /** The child's foreign keys among `columns`, with the labels of the rows they point at (see `loadForeignLabels`). */
    readonly foreign: readonly ShownForeignKey[]
  } | null
}

export interface ShownForeignKey {
  readonly fk: ForeignKey
  readonly target: Resource
  readonly labels: ReadonlyMap<string, ForeignLabel>
}

export interface RelatedRowsOptions {
  readonly resource: Resource
  readonly row: Row
  /** The tables this user may view: no other is read. */
  readonly resources: ResourceIndex
  readonly dialect: Dialect
  readonly statementTimeoutMs: number
  /** Who reads: each child table's scope is applied for them (its rows and its count). */
  readonly user: Reader
  /** Where a child that could not be read is reported. */
  readonly logger: Logger
  /** How many rows (5), and columns besides the foreign key's (4: the label and three more), to read per child. */
  readonly rows?: number
  readonly columns?: number
}

/**
 * For every foreign key pointing at `row` (multi-column ones too): the first rows that point at it and a
 * capped count. Each child is read in its own timed transaction, so a slow or broken one cannot take the
 * others down with it: it comes back with `read: null`.
 */
export async function loadRelatedRows(db: Kysely<any>, options: RelatedRowsOptions): Promise<RelatedRows[]> {
  const { resource, row, resources, dialect } = options
  const related: RelatedRows[] = []
  for (const { resource: child, fk } of resources.referencing(resource.table)) {
    const values = fk.refColumns.map((name) => row[name])
    if (values.some((value) => value === null || value === undefined)) continue
    if (fk.columns.some((name) => !child.columns.some((c) => c.name === name))) continue
    try {
      const read = await dialect.withStatementTimeout(db, options.statementTimeoutMs, (trx) =>
        readChild(trx, child, fk, values, options),
      )
      related.push({ child, fk, values, read })
    } catch (error) {
      if (!dialect.mapError(error)) throw error
      options.logger.error(`steward: reading ${child.id} for related rows failed:`, error)
      related.push({ child, fk, values, read: null })
    }
  }
  return related
}

async function readChild(
  db: Kysely<any>,
  child: Resource,
  fk: ForeignKey,
  values: readonly unknown[],
  options: RelatedRowsOptions,
): Promise<NonNullable<RelatedRows['read']>> {
  const shownRows = options.rows ?? 5
  const where = matchColumns(fk.columns, values)
  const columns = panelColumns(child, fk, options.columns ?? 4)
  const ordering = resolveOrdering(child, null)
  const shown = new Set(columns.map((c) => c.name))
  const labelled = child.table.foreignKeys.flatMap((childFk) => {
    const target = options.resources.get(childFk.refSchema, childFk.refTable)
    return target && childFk.columns.some((name) => shown.has(name)) ? [{ fk: childFk, target }] : []
  })
  const names = [...shown, ...labelled.flatMap(({ fk }) => fk.columns), ...rowKeyColumns(child)]
  const from = rowSource(db, child, options.user)
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(child, names)} from ${from}
    where ${where} ${ordering.terms.length ? sql`order by ${orderByClause(ordering)}` : sql``} limit ${shownRows}`.execute(
    db,
  )
  // One query per foreign key shown, never one per row.
  const foreign: ShownForeignKey[] = []
  for (const { fk: childFk, target } of labelled) {
    const tuples = rows.map((row) => childFk.columns.map((name) => row[name]))
    foreign.push({
      fk: childFk,
      target,
      labels: await loadForeignLabels(db, target, childFk, tuples, {
        dialect: options.dialect.name,
        user: options.user,
      }),
    })
  }
  // Fewer rows than a panel shows are all there are: no second query to count them.
  const count: RowCount =
    rows.length < shownRows ? { value: rows.length, precision: 'exact' } : await countRows(db, from, where, undefined)
  return { columns, rows, count, foreign }
}

/** The child's label column first (it names the row), then its other list columns but the foreign key back. */
function panelColumns(child: Resource, fk: ForeignKey, max: number): Column[] {
  const others = child.listColumns.filter((name) => !fk.columns.includes(name))
  const names = others.length > 0 ? others : child.listColumns
  const label = child.labelColumn !== null && names.includes(child.labelColumn) ? [child.labelColumn] : []
  return [...label, ...names.filter((name) => name !== child.labelColumn)]
    .slice(0, max)
    .flatMap((name) => child.columns.filter((c) => c.name === name))
}
