import { toArrayLiteral } from '../kinds/array-literal.js'

/**
 * A row's key as one URL path segment, reversible for any value: slashes, commas, spaces, unicode,
 * empty strings, NULL, binary and composite keys. The text form joins the key's values with `,`;
 * inside a value `~` escapes: `~~` is `~`, `~,` is `,`, `~.` a leading dot (so `.` and `..` never
 * become dot-segments a browser would collapse), `~-` the empty string, `~0` NULL, `~x<hex>` bytes.
 * The text is then percent-encoded, keeping `,` and `~` readable: `/row/42`, `/row/7,en-GB`.
 */
export type KeyValue = string | Uint8Array | null

const digits = /^-?\d+$/

/** The path segment of a key: its text form, percent-encoded. */
export function encodeRecordKey(values: readonly unknown[]): string {
  // A one-number key (most keys, and every foreign-key label a list looks up) is its digits.
  if (values.length === 1) {
    const [value] = values
    if (Number.isSafeInteger(value)) return String(value)
    // Postgres's bigint arrives as text: its digits are their own segment too.
    if (typeof value === 'string' && digits.test(value)) return value
  }
  return encodeURIComponent(recordKeyText(values)).replaceAll('%2C', ',')
}

/**
 * The text form before percent-encoding, for a form field or a query parameter (a list cursor, a row
 * checkbox): the browser encodes those itself and the server decodes them once, so a percent-encoded
 * key there would reach `decodeRecordKey` still encoded and name another row.
 */
export function recordKeyText(values: readonly unknown[]): string {
  return values.map(encodeValue).join(',')
}

/** The inverse of `recordKeyText`, and of `encodeRecordKey` for the segment as the router gives it (percent-decoded). */
export function decodeRecordKey(text: string): KeyValue[] | undefined {
  const values: KeyValue[] = []
  let current = ''
  let special: KeyValue | undefined
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === ',') {
      values.push(special !== undefined ? special : current)
      current = ''
      special = undefined
      continue
    }
    if (special !== undefined) return undefined
    if (char !== '~') {
      current += char
      continue
    }
    const next = text[++i]
    if (next === '~' || next === ',' || next === '.') current += next
    else if (next === '-' || next === '0') {
      if (current !== '' || (text[i + 1] ?? ',') !== ',') return undefined
      special = next === '-' ? '' : null
    } else if (next === 'x') {
      const hex = /^[0-9a-f]*/.exec(text.slice(i + 1))?.[0] ?? ''
      if (current !== '' || hex.length % 2 !== 0 || (text[i + 1 + hex.length] ?? ',') !== ',') return undefined
      special = Buffer.from(hex, 'hex')
      i += hex.length
    } else return undefined
  }
  values.push(special !== undefined ? special : current)
  return values
}

/** One value's text form (escaped, not percent-encoded). */
export function encodeValue(value: unknown): string {
  // A number's text never holds `~` or `,`, nor starts with a dot: the common key needs no escaping.
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string' && value !== '' && value[0] !== '.' && !value.includes('~') && !value.includes(','))
    return value
  if (value === null || value === undefined) return '~0'
  if (value instanceof Uint8Array) return `~x${Buffer.from(value).toString('hex')}`
  // A Postgres array (a key may be one) as the literal its column reads back: `{1,2}`, not `1,2`.
  const text = Array.isArray(value) ? toArrayLiteral(value) : String(value)
  if (text === '') return '~-'
  const escaped = text.replace(/[~,]/g, (c) => `~${c}`)
  return escaped.startsWith('.') ? `~${escaped}` : escaped
}
