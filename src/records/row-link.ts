import { jsonSafe } from '../audit/audit-entry.js'
import { toArrayLiteral } from '../kinds/array-literal.js'
import type { DialectName } from '../introspect/metadata.js'
import { rowidAlias, type Resource } from '../resources/resource.js'
import { decodeRecordRef, isDigested, rowidRefText, rowRefText } from './record-ref.js'
import { typedKeyValues } from './typed-key-values.js'

type Row = Readonly<Record<string, unknown>>

const numberKinds = new Set(['integer', 'bigint', 'decimal', 'float'])

/**
 * The ref text a link to `row` carries, or null when following it could not find the row. A key
 * finds its row when its values come back unchanged from their text form (the URL's value is parsed by the
 * column's kind). On SQLite a key column may hold what its type does not (a text in a date column, an
 * integer 1 beside a text '1' in an untyped one): such a row is named by its rowid where the table has one.
 * A row of a view or key-less table is found by its comparable columns' values, so it gets a link only when
 * there are such columns and each value comes back unchanged: a value the kind would read differently
 * would match another row, or none.
 */
export function rowLinkText(resource: Resource, row: Row, dialect: DialectName): string | null {
  const text = rowRefText(resource, row)
  if (resource.key.type === 'rowid' || text.startsWith('~r')) return text
  // A key that cannot hold a value of another type (Postgres, an INTEGER PRIMARY KEY, WITHOUT ROWID) is itself.
  if (resource.key.type !== 'columns' && !resource.key.nullRowid) return text
  const exact = keyReadsBack(resource, row, text, dialect)
  if (exact) return text
  const rowid = row[rowidAlias]
  return resource.key.nullRowid && rowid !== undefined && rowid !== null ? rowidRefText(rowid) : null
}

/** Whether the values of `text` (the row's ref), parsed as a URL's are, are the row's own values. */
function keyReadsBack(resource: Resource, row: Row, text: string, dialect: DialectName): boolean {
  if (resource.key.columns.length === 0) return false
  const ref = decodeRecordRef(text)
  if (ref?.by !== 'key') return false
  const plain = ref.parts.map((part) => (isDigested(part) ? part.prefix : part))
  const typed = typedKeyValues(resource, resource.key.columns, plain, dialect)
  if (!typed) return false
  // Text-kind values are the server's own output (money's `$12.50`, a bit string): a kind may bind a canonical
  // spelling of it (`12.50`), which the server reads back as the same value.
  const asText = new Set(resource.columns.filter((column) => column.kind === 'text').map((column) => column.name))
  // An array key parses to its literal (`{1,2}`), which names the row the driver's array came from.
  const asLiteral = new Set(resource.columns.filter((column) => column.kind === 'array').map((column) => column.name))
  // A decimal parses to its digits (`1.5`); a number column (numeric affinity on SQLite) turns them back into
  // the number it holds, so they name that row, as 5 and '5' cannot both be keys there.
  const asNumber = new Set(
    resource.columns.filter((column) => numberKinds.has(column.kind)).map((column) => column.name),
  )
  const same = resource.key.columns.every(
    (name, i) =>
      isDigested(ref.parts[i]) ||
      (asText.has(name) && typeof row[name] === 'string') ||
      (asNumber.has(name) && typeof row[name] === 'number' && Number(typed[i]) === row[name]) ||
      (asLiteral.has(name) && toArrayLiteral(row[name]) === typed[i]) ||
      JSON.stringify(jsonSafe(typed[i])) === JSON.stringify(jsonSafe(row[name])),
  )
  return same
}
