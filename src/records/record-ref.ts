import { createHash } from 'node:crypto'
import { rowidAlias, type Resource } from '../resources/resource.js'
import { decodeRecordKey, encodeValue, type KeyValue } from './record-key.js'

/**
 * What a record URL names, beyond the plain key of `record-key.ts`, so that every row stays reachable:
 * - `~r<rowid>`, the whole segment: a SQLite row whose key holds a NULL (two such rows share the key);
 * - `~h<sha256 hex><prefix>`, one value: a key value too long for a URL (a 20,000-character text key
 *   would push the request line over the server's header limit). The database finds the candidates by
 *   the prefix (`substr`, the same on both engines) and the digest picks the row among them, so no
 *   hash function is needed in SQL.
 * Both are invalid in the plain grammar, so no existing key changes meaning.
 */
export type RecordRef =
  { readonly by: 'key'; readonly parts: readonly KeyPart[] } | { readonly by: 'rowid'; readonly rowid: string }

/** A key value as a URL carries it: whole, or digested when it is long. */
export type KeyPart = KeyValue | DigestedValue

export interface DigestedValue {
  /** The value's first characters (bytes for binary), for the database to narrow the search. */
  readonly prefix: string | Uint8Array
  /** SHA-256 (hex) of the whole value's UTF-8 (or bytes). */
  readonly digest: string
}

/** A value whose percent-encoded form is longer than this is digested: a few such values stay well under 16 KB. */
export const maxEncodedValue = 1024
/** Characters (bytes for binary) of a digested value kept in its URL. */
export const digestPrefixLength = 64

export function isDigested(part: KeyPart | unknown): part is DigestedValue {
  return typeof part === 'object' && part !== null && 'digest' in part
}

/** The canonical text form of key values: long values digested. The URL segment is its percent-encoding. */
export function keyRefText(values: readonly unknown[]): string {
  return values.map(refValueText).join(',')
}

/** A decoded ref written back in its text form (a digested value as it came). */
export function recordRefText(ref: RecordRef): string {
  if (ref.by === 'rowid') return rowidRefText(ref.rowid)
  return ref.parts
    .map((part) => (isDigested(part) ? `~h${part.digest}${encodeValue(part.prefix)}` : encodeValue(part)))
    .join(',')
}

/** `~r<rowid>` */
export function rowidRefText(rowid: unknown): string {
  return `~r${String(rowid)}`
}

/**
 * The text form naming a row read with `rowKeyColumns(resource)`: its key, or its rowid when the key
 * holds a NULL and the table has one (see `RecordKeySpec.nullRowid`).
 */
export function rowRefText(resource: Resource, row: Readonly<Record<string, unknown>>): string {
  const values = resource.key.columns.map((name) =>
    resource.key.type === 'rowid' && name === 'rowid' ? row[rowidAlias] : row[name],
  )
  const nullKey = values.some((value) => value === null || value === undefined)
  if (nullKey && resource.key.nullRowid && row[rowidAlias] !== undefined) return rowidRefText(row[rowidAlias])
  return keyRefText(values)
}

/** The columns to select to build `rowRefText`: the key's, and the rowid where a NULL key falls back to it. */
export function rowKeyColumns(resource: Resource): readonly string[] {
  return resource.key.nullRowid ? [...resource.key.columns, 'rowid'] : resource.key.columns
}

/** The path segment of a ref text. */
export function refSegment(text: string): string {
  return encodeURIComponent(text).replaceAll('%2C', ',')
}

/** Parses a ref's text form (the segment as the router gives it, or a form field); undefined when malformed. */
export function decodeRecordRef(text: string): RecordRef | undefined {
  const rowid = /^~r(-?\d{1,19})$/.exec(text)
  if (rowid) return { by: 'rowid', rowid: rowid[1]! }
  const parts: KeyPart[] = []
  for (const piece of splitValues(text)) {
    const digested = /^~h([0-9a-f]{64})/.exec(piece)
    const decoded = decodeRecordKey(digested ? piece.slice(digested[0].length) : piece)
    if (decoded?.length !== 1) return undefined
    const value = decoded[0]!
    if (!digested) parts.push(value)
    else if (value === null || value.length === 0) return undefined
    else parts.push({ prefix: value, digest: digested[1]! })
  }
  return { by: 'key', parts }
}

/** SHA-256 (hex) of a value as `DigestedValue.digest` takes it. */
export function valueDigest(value: unknown): string {
  const bytes = value instanceof Uint8Array ? value : Buffer.from(String(value), 'utf8')
  return createHash('sha256').update(bytes).digest('hex')
}

/** The number of characters `substr` counts in a prefix: code points for text (as both engines count), bytes for binary. */
export function prefixLength(prefix: string | Uint8Array): number {
  return typeof prefix === 'string' ? [...prefix].length : prefix.length
}

function refValueText(value: unknown): string {
  const plain = encodeValue(value)
  if (plain.length <= maxEncodedValue / 9 || encodeURIComponent(plain).length <= maxEncodedValue) return plain
  const prefix =
    value instanceof Uint8Array
      ? value.subarray(0, digestPrefixLength)
      : [...String(value)].slice(0, digestPrefixLength).join('')
  return `~h${valueDigest(value)}${encodeValue(prefix)}`
}

/** Splits a text form at its unescaped commas. */
function splitValues(text: string): string[] {
  const pieces: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '~') i++
    else if (text[i] === ',') {
      pieces.push(text.slice(start, i))
      start = i + 1
    }
  }
  pieces.push(text.slice(start))
  return pieces
}
