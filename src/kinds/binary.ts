import { z } from 'zod'
import { nullDisplay, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const previewBytes = 8

/** bytea and BLOB: shown as size and a hex prefix, edited as hex (or uploaded, which the form handles). */
export const binaryKind: Kind = {
  name: 'binary',
  searchable: false,
  filterOperators: ['null'],
  format(value) {
    if (value === null || value === undefined) return nullDisplay
    const bytes = toBuffer(value)
    const size = `${bytes.length.toLocaleString('en-US')} byte${bytes.length === 1 ? '' : 's'}`
    if (bytes.length === 0) return { text: size, isNull: false, isEmpty: true, style: 'binary' }
    const hex = bytes.subarray(0, previewBytes).toString('hex')
    const text = `${size} · ${hex}${bytes.length > previewBytes ? '…' : ''}`
    return { text, full: bytes.subarray(0, 64).toString('hex'), isNull: false, isEmpty: false, style: 'binary' }
  },
  parse(input) {
    const hex = input
      .trim()
      .replace(/^(\\x|0x)/i, '')
      .replace(/\s+/g, '')
    if (!/^[0-9a-f]*$/i.test(hex) || hex.length % 2 !== 0) {
      return fail('Enter hexadecimal bytes like 0a1b2c (two digits per byte).')
    }
    return ok(Buffer.from(hex, 'hex'))
  },
  schema: () => z.instanceof(Buffer),
  widget: () => ({ type: 'file-or-hex' }),
  toInput: (value) => toBuffer(value).toString('hex'),
}

/** SQLite may hold text in a BLOB column; its bytes are what would be shown and edited. */
function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value
  if (value instanceof Uint8Array) return Buffer.from(value)
  return Buffer.from(plainText(value), 'utf8')
}
