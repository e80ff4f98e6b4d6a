import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { displayText, nullDisplay, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const uuidPattern = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i

export const uuidKind: Kind = {
  name: 'uuid',
  searchable: false,
  filterOperators: ['eq', 'null'],
  format(value, _column, options) {
    if (value === null || value === undefined) return nullDisplay
    return displayText(uuidText(value), 'mono', options)
  },
  parse(input, _column, dialect) {
    const text = input.trim()
    const match = uuidPattern.exec(text)
    if (!match) return fail('Enter a UUID like 123e4567-e89b-12d3-a456-426614174000.')
    // Stored as text (SQLite), its spelling is left as typed.
    return ok(dialectFor(dialect).values.uuidBits ? match.slice(1).join('-').toLowerCase() : text)
  },
  schema: () => z.string(),
  widget: () => ({ type: 'text', maxLength: 38, placeholder: '123e4567-e89b-12d3-a456-426614174000' }),
  toInput: (value) => uuidText(value),
}

/** SQLite apps sometimes keep a UUID as its 16 bytes. */
function uuidText(value: unknown): string {
  return Buffer.isBuffer(value) && value.length === 16 ? hyphenate(value.toString('hex')) : plainText(value)
}

function hyphenate(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
