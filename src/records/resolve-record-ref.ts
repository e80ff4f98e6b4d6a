import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DialectName } from '../introspect/metadata.js'
import { matchColumns, selectList, tableId, valueOf } from '../list/sql-identifiers.js'
import { rowidAlias, type Resource } from '../resources/resource.js'
import {
  isDigested,
  keyRefText,
  prefixLength,
  rowidRefText,
  rowRefText,
  valueDigest,
  type RecordRef,
} from './record-ref.js'
import { typedKeyValues } from './typed-key-values.js'

/** The row a record URL names, ready for a read or a write. */
export interface RecordTarget {
  /** The columns and values that find the row: the key's, or SQLite's `rowid` when the key holds a NULL. */
  readonly columns: readonly string[]
  readonly values: readonly unknown[]
  /** The key values as far as they are known (for a title); null for a row found by its rowid. */
  readonly keyValues: readonly unknown[] | null
  /** The canonical text form: the audit log's record key; its percent-encoding is the URL segment. */
  readonly text: string
}

/** Rows sharing a digested value's prefix that are checked against its digest. */
const maxCandidates = 100

/**
 * Turns a decoded ref into exact values: a digested value is looked up by its prefix (a bounded query)
 * and picked by its digest. Undefined when the ref can name no row of this table (a value of the wrong
 * type, a rowid on a table without one, a digest that matches nothing).
 */
export async function resolveRecordRef(
  db: Kysely<any>,
  resource: Resource,
  ref: RecordRef,
  dialect: DialectName,
): Promise<RecordTarget | undefined> {
  if (ref.by === 'rowid') {
    if (!resource.key.nullRowid) return undefined
    const rowid = Number.isSafeInteger(Number(ref.rowid)) ? Number(ref.rowid) : ref.rowid
    return { columns: ['rowid'], values: [rowid], keyValues: null, text: rowidRefText(ref.rowid) }
  }
  const { columns } = resource.key
  if (ref.parts.length !== columns.length) return undefined
  // Whole values are parsed by their column's kind; a digested one's prefix is compared as it is (a cut
  // number or date need not parse).
  const whole = ref.parts.flatMap((part, i) => (isDigested(part) ? [] : [{ name: columns[i]!, part }]))
  const parsed = typedKeyValues(
    resource,
    whole.map(({ name }) => name),
    whole.map(({ part }) => part),
    dialect,
  )
  if (!parsed) return undefined
  const typed = ref.parts.map((part) => (isDigested(part) ? part.prefix : parsed.shift()))
  if (!ref.parts.some(isDigested)) return keyTarget(resource, typed)
  const conditions: RawBuilder<unknown>[] = []
  for (const [i, part] of ref.parts.entries()) {
    const column = sql.id(columns[i]!)
    // Bytes compare as bytes; anything else by its text (a numeric of 2,000 digits has no substr of its own).
    const text = isBinary(resource, columns[i]!) ? column : sql`cast(${column} as text)`
    if (isDigested(part)) conditions.push(sql`substr(${text}, 1, ${prefixLength(part.prefix)}) = ${part.prefix}`)
    else conditions.push(matchColumns([columns[i]!], [typed[i]]))
  }
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(resource, columns)} from ${tableId(resource.table)}
    where ${sql.join(conditions, sql` and `)} limit ${maxCandidates}`.execute(db)
  const found = rows.find((row) =>
    ref.parts.every((part, i) => !isDigested(part) || valueDigest(valueOf(resource, row, columns[i]!)) === part.digest),
  )
  return found
    ? keyTarget(
        resource,
        columns.map((name) => valueOf(resource, found, name)),
      )
    : undefined
}

/** The target named by full key values. */
export function keyTarget(resource: Resource, values: readonly unknown[]): RecordTarget {
  return { columns: resource.key.columns, values, keyValues: values, text: keyRefText(values) }
}

/** How to find a row that was read with `rowKeyColumns(resource)` again: by key, or by rowid when the key holds NULL. */
export function rowTarget(resource: Resource, row: Readonly<Record<string, unknown>>): RecordTarget {
  const values = resource.key.columns.map((name) => valueOf(resource, row, name))
  const text = rowRefText(resource, row)
  if (text.startsWith('~r')) return { columns: ['rowid'], values: [row[rowidAlias]], keyValues: null, text }
  return { columns: resource.key.columns, values, keyValues: values, text }
}

/** Key values (in key order) or a resolved target: what the read and write functions accept. */
export type RowToFind = readonly unknown[] | RecordTarget

export function targetOf(resource: Resource, row: RowToFind): RecordTarget {
  return isTarget(row) ? row : keyTarget(resource, row)
}

function isTarget(row: RowToFind): row is RecordTarget {
  return !Array.isArray(row)
}

function isBinary(resource: Resource, name: string): boolean {
  return resource.table.columns.find((column) => column.name === name)?.kind === 'binary'
}
