import type { Column } from '../introspect/metadata.js'
import type { DisplayValue, FormatOptions } from './kind.js'
import { formatDecimalText } from './number-display.js'

export const nullDisplay: DisplayValue = Object.freeze({ text: 'NULL', isNull: true, isEmpty: false, style: 'plain' })

/** The most of a shortened value its title (a tooltip) carries: a list of long texts stays a small page. */
export const titleLength = 1000

/**
 * Builds a display value from text, cutting it to `options.truncate` characters (code points, never half a
 * pair); the title then holds the text up to `titleLength` characters.
 */
export function displayText(text: string, style: DisplayValue['style'], options: FormatOptions): DisplayValue {
  const limit = options.truncate
  if (limit !== undefined && text.length > limit) {
    const cut = codePointPrefix(text, limit)
    if (cut.length < text.length)
      return { text: `${cut}…`, full: titleText(text), isNull: false, isEmpty: false, style }
  }
  return { text, isNull: false, isEmpty: text === '', style }
}

/** `text` for a title attribute: up to `titleLength` characters, then `…`. */
export function titleText(text: string): string {
  return text.length > titleLength ? `${codePointPrefix(text, titleLength)}…` : text
}

/** The first `count` code points of `text` (a surrogate pair is one), without splitting the whole text. */
function codePointPrefix(text: string, count: number): string {
  let end = 0
  for (let n = 0; n < count && end < text.length; n++) {
    const unit = text.charCodeAt(end)
    const pair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00
    end += pair ? 2 : 1
  }
  return text.slice(0, end)
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

/**
 * A decimal with the locale's separators, at least at its declared scale (`1503.5` in a numeric(10,2)
 * reads `1,503.50`), with the configured currency. Display only: forms and CSV keep the stored text.
 * What cannot be shown exactly (NaN, an exponent, a very long fraction) is shown as `formatNumber` does.
 */
export function formatDecimal(value: unknown, column: Column, options: FormatOptions): DisplayValue {
  if (value === null || value === undefined) return nullDisplay
  // A JS number (SQLite) is its shortest round-trip text; one written with an exponent is shown as stored.
  const text = plainText(value)
  const shown = formatDecimalText(text, {
    locale: options.locale,
    currency: options.currency,
    scale: column.scale !== null && column.scale >= 0 ? column.scale : null,
  })
  return shown === undefined
    ? formatNumber(value, column, options)
    : displayText(shown, 'number', { dialect: options.dialect })
}

/**
 * Money as the server writes it (`$1,503.50`, `-$3.00`), shown with the configured currency instead;
 * without one, or in another locale's output, the server's text already carries its currency and stays.
 */
export function formatMoney(value: unknown, _column: Column, options: FormatOptions): DisplayValue {
  if (value === null || value === undefined) return nullDisplay
  const text = plainText(value)
  const match = options.currency ? /^(-?)\$?([\d,]+(?:\.\d+)?)$/.exec(text.trim()) : null
  const shown = match
    ? formatDecimalText(`${match[1]}${match[2]!.replace(/,/g, '')}`, {
        locale: options.locale,
        currency: options.currency,
      })
    : undefined
  return displayText(shown ?? text, 'number', options)
}

/** The `format` of a kind shown as its text, cut only when a list asks: NULL apart, nothing to decide. */
export function formatAs(
  style: DisplayValue['style'],
): (value: unknown, column: Column, options: FormatOptions) => DisplayValue {
  return (value, _column, options) =>
    value === null || value === undefined ? nullDisplay : displayText(plainText(value), style, options)
}
