import type { Column } from '../introspect/metadata.js'
import type { DisplayValue, FormatOptions } from './kind.js'

export const nullDisplay: DisplayValue = Object.freeze({ text: 'NULL', isNull: true, isEmpty: false, style: 'plain' })

/** Builds a display value from text, cutting it to `options.truncate` characters (code points, never half a pair). */
export function displayText(text: string, style: DisplayValue['style'], options: FormatOptions): DisplayValue {
  const limit = options.truncate
  if (limit !== undefined && text.length > limit) {
    const chars = Array.from(text)
    if (chars.length > limit) {
      return { text: `${chars.slice(0, limit).join('')}…`, full: text, isNull: false, isEmpty: false, style }
    }
  }
  return { text, isNull: false, isEmpty: text === '', style }
}

/** Any driver value as plain text, for kinds that accept whatever an untyped SQLite column holds. */
export function plainText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (Buffer.isBuffer(value)) return value.toString('hex')
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value) ?? String(value)
}

/**
 * A number as the database holds it, never cut (a shortened number would read as another number).
 * With a declared scale, a JS number (SQLite keeps NUMERIC(10,2) as REAL or INTEGER) shows that many
 * decimals: `49` as `49.00`. Exact text (Postgres numeric, big integers) is shown as it is.
 */
export function formatNumber(value: unknown, column: Column, options: FormatOptions): DisplayValue {
  if (value === null || value === undefined) return nullDisplay
  const scale = column.scale
  const text =
    typeof value === 'number' && Number.isFinite(value) && scale !== null && scale >= 0 && scale <= 20
      ? value.toFixed(scale)
      : plainText(value)
  return displayText(text, 'number', { dialect: options.dialect })
}

/** The `format` of a kind shown as its text, cut only when a list asks: NULL apart, nothing to decide. */
export function formatAs(
  style: DisplayValue['style'],
): (value: unknown, column: Column, options: FormatOptions) => DisplayValue {
  return (value, _column, options) =>
    value === null || value === undefined ? nullDisplay : displayText(plainText(value), style, options)
}
