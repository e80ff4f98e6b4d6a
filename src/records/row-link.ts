import { jsonSafe } from '../audit/audit-entry.js'
import { toArrayLiteral } from '../kinds/array-literal.js'
import type { DialectName } from '../introspect/metadata.js'
import type { Resource } from '../resources/resource.js'
import { decodeRecordRef, isDigested, rowRefText } from './record-ref.js'
import { typedKeyValues } from './typed-key-values.js'

type Row = Readonly<Record<string, unknown>>

/**
 * The ref text a link to `row` carries, or null when following it could not find the row. A key
 * always finds its row. A row of a view or key-less table is found by its comparable columns' values,
 * so it gets a link only when there are such columns and each value comes back unchanged from its text
 * form (the URL's value is parsed by the column's kind): a value the kind would read differently would
 * match another row, or none.
 */
export function rowLinkText(resource: Resource, row: Row, dialect: DialectName): string | null {
  const text = rowRefText(resource, row)
  if (resource.key.type !== 'columns') return text
  if (resource.key.columns.length === 0) return null
  const ref = decodeRecordRef(text)
  if (ref?.by !== 'key') return null
  const plain = ref.parts.map((part) => (isDigested(part) ? part.prefix : part))
  const typed = typedKeyValues(resource, resource.key.columns, plain, dialect)
  if (!typed) return null
  // Text-kind values are the server's own output (money's `$12.50`, a bit string): a kind may bind a canonical
  // spelling of it (`12.50`), which the server reads back as the same value.
  const asText = new Set(resource.columns.filter((column) => column.kind === 'text').map((column) => column.name))
  // An array key parses to its literal (`{1,2}`), which names the row the driver's array came from.
  const asLiteral = new Set(resource.columns.filter((column) => column.kind === 'array').map((column) => column.name))
  const same = resource.key.columns.every(
    (name, i) =>
      isDigested(ref.parts[i]) ||
      (asText.has(name) && typeof row[name] === 'string') ||
      (asLiteral.has(name) && toArrayLiteral(row[name]) === typed[i]) ||
      JSON.stringify(jsonSafe(typed[i])) === JSON.stringify(jsonSafe(row[name])),
  )
  return same ? text : null
}
