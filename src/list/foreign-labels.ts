import { sql, type Kysely } from 'kysely'
import type { DialectName, ForeignKey } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import { encodeRecordKey } from '../records/record-key.js'
import { refSegment, rowKeyColumns, rowRefText } from '../records/record-ref.js'
import { rowSource, type Reader } from '../records/scoped-from.js'
import type { Resource } from '../resources/resource.js'
import { matchColumns, selectList } from './sql-identifiers.js'

/** How a referenced row is shown where another row points at it. */
export interface ForeignLabel {
  readonly text: string
  /** The target row's encoded record key, for a link to its detail page. */
  readonly key: string
}

const labelLength = 60

/**
 * Labels for the rows a page's foreign key values point at: ONE query per foreign key per page, never
 * one per row. The result maps `encodeRecordKey(fk values)` to the target's label and record key. Rows are
 * read through the target's scope for `user`: a row they may not see gets no label (its raw key shows).
 */
export async function loadForeignLabels(
  db: Kysely<any>,
  target: Resource,
  fk: ForeignKey,
  tuples: readonly (readonly unknown[])[],
  options: { readonly dialect: DialectName; readonly user: Reader },
): Promise<Map<string, ForeignLabel>> {
  const labels = new Map<string, ForeignLabel>()
  const distinct = new Map<string, readonly unknown[]>()
  for (const tuple of tuples) {
    if (tuple.some((value) => value === null || value === undefined)) continue
    distinct.set(encodeRecordKey(tuple), tuple)
  }
  if (distinct.size === 0) return labels
  const columns = [...fk.refColumns, ...rowKeyColumns(target), ...(target.labelColumn ? [target.labelColumn] : [])]
  const condition =
    fk.refColumns.length === 1
      ? sql`${sql.id(fk.refColumns[0]!)} in (${sql.join([...distinct.values()].map((tuple) => sql`${tuple[0]}`))})`
      : sql.join(
          [...distinct.values()].map((tuple) => sql`(${matchColumns(fk.refColumns, tuple)})`),
          sql` or `,
        )
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(target, columns)} from ${rowSource(db, target, options.user)} where ${condition}`.execute(db)
  const labelColumn = target.table.columns.find((column) => column.name === target.labelColumn)
  for (const row of rows) {
    const key = refSegment(rowRefText(target, row))
    const refValues = fk.refColumns.map((name) => row[name])
    const label = labelColumn
      ? kindOf(labelColumn).format(row[labelColumn.name], labelColumn, {
          truncate: labelLength,
          dialect: options.dialect,
        })
      : undefined
    const text = label && !label.isNull && !label.isEmpty ? label.text : refValues.map(String).join(', ')
    labels.set(encodeRecordKey(refValues), { text, key })
  }
  return labels
}
