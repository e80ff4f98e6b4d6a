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
