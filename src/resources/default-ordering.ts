import { indexLeadingColumns } from '../introspect/index-leading-columns.js'
import type { Column, Table } from '../introspect/metadata.js'
import type { RecordKeySpec, SortTerm } from './resource.js'

// Names that say "when this row came into being", compared in snake_case (`createdAt` reads as `created_at`),
// best first. `updated_at`, `shipped_at` and the like are not here: they move, and newest-first by them is
// not "the latest order".
const creationNames = [
  'created_at',
  'created_on',
  'created',
  'creation_date',
  'creation_time',
  'created_date',
  'date_created',
  'create_date',
  'create_time',
  'inserted_at',
  'placed_at',
  'ordered_at',
  'order_date',
  'submitted_at',
  'registered_at',
  'date_joined',
  'joined_at',
  'signed_up_at',
  'opened_at',
  'received_at',
  'issued_at',
]

/**
 * The ordering a list starts with when the config names none: newest first.
 *
 * 1. Candidates are `date`/`datetime` columns named like a creation time (`created_at`, `createdAt`,
 *    `placed_at`, `date_joined`…). Among them, one that leads an index (or the key, or a unique constraint)
 *    wins, then a NOT NULL one, then the better name, then the earlier column.
 * 2. That candidate, descending, when an index leads with it: the first page is read from the index.
 * 3. Else the key descending when it is one auto-assigned integer column (serial, identity, SQLite's rowid):
 *    keys given out in insertion order read as "newest", and the key's index serves the order.
 * 4. Else an unindexed candidate descending only where today's order is no cheaper (a table or view without
 *    a key is sorted by all its columns anyway); a keyed table keeps the key's order rather than sort every
 *    row for each page: add an index on the column or set `ordering` in the config.
 * 5. Else nothing: the key ascending, as before.
 */
export function defaultOrdering(table: Table, key: RecordKeySpec, visible: readonly Column[]): SortTerm[] {
  const leading = indexLeadingColumns(table)
  const rank = (column: Column) => creationNames.indexOf(snakeCase(column.name))
  const [best] = visible
    .filter((column) => (column.kind === 'date' || column.kind === 'datetime') && rank(column) >= 0)
    .map((column, position) => ({ column, position, indexed: leading.has(column.name) }))
    .sort(
      (a, b) =>
        Number(b.indexed) - Number(a.indexed) ||
        Number(a.column.nullable) - Number(b.column.nullable) ||
        rank(a.column) - rank(b.column) ||
        a.position - b.position,
    )
  if (best?.indexed) return [{ column: best.column.name, desc: true }]
  if (insertionOrderKey(table, key)) return [{ column: key.columns[0]!, desc: true }]
  if (best && key.type === 'columns') return [{ column: best.column.name, desc: true }]
  return []
}

/** One integer key column the database assigns (or SQLite's rowid): higher means added later. */
function insertionOrderKey(table: Table, key: RecordKeySpec): boolean {
  if (key.columns.length !== 1) return false
  if (key.type === 'rowid') return true
  if (key.type !== 'primary' && key.type !== 'unique') return false
  const column = table.columns.find((c) => c.name === key.columns[0])
  return !!column && (column.kind === 'integer' || column.kind === 'bigint') && column.autoIncrement
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
}
