import { z } from 'zod'
import { displayText, nullDisplay, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { refuseNul } from './nul-text.js'
import { ok } from './parse-result.js'

/** A type Steward has no kind for (geometry, ranges, untyped SQLite columns): shown and edited as its text. */
export const unknownKind: Kind = {
  name: 'unknown',
  searchable: false,
  filterOperators: ['null'],
  format(value, _column, options) {
    if (value === null || value === undefined) return nullDisplay
    return displayText(geometricText(value), Buffer.isBuffer(value) ? 'binary' : 'plain', options)
  },
  parse: (input, _column, dialect) => refuseNul(input, dialect) ?? ok(input),
  schema: () => z.string(),
  widget: () => ({ type: 'textarea' }),
  toInput: (value) => geometricText(value),
}

/** node-postgres parses `point` and `circle` into objects; Postgres reads them back in its own notation. */
function geometricText(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && 'x' in value && 'y' in value) {
    const { x, y, radius } = value as { x: unknown; y: unknown; radius?: unknown }
    return radius === undefined ? `(${x},${y})` : `<(${x},${y}),${radius}>`
  }
  return plainText(value)
}
