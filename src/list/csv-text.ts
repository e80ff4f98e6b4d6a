import type { Column, DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import { computedText } from './computed-text.js'

const numeric = new Set(['integer', 'bigint', 'decimal', 'float'])
// OWASP's list: a spreadsheet would run a cell starting with one of these as a formula.
const formulaStart = /^[=+\-@\t\r]/

/** One stored value as its CSV field: the kind's exact round-trippable text, NULL as nothing, '' as `""`. */
export function csvField(value: unknown, column: Column, dialect: DialectName): string {
  if (value === null || value === undefined) return ''
  const kind = kindOf(column)
  let text = kind.toInput(value, column, dialect)
  if (column.kind === 'binary') text = `\\x${text}`
  // A negative number stays a number; any other text that a spreadsheet would evaluate is defused.
  else if (!numeric.has(column.kind) && formulaStart.test(text)) text = `'${text}`
  return text === '' ? '""' : quoted(text)
}

/** A computed column's value as its CSV field: its text, NULL as nothing; text a spreadsheet would run is defused. */
export function computedCsvField(value: unknown): string {
  const text = computedText(value)
  if (text === null) return ''
  const safe = formulaStart.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text
  return safe === '' ? '""' : quoted(safe)
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
export function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A CSV record with its CRLF line end. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`
}
