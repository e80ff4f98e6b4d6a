import { z } from 'zod'
import { displayText, nullDisplay, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { ok } from './parse-result.js'

/** A type Steward has no kind for (geometry, ranges, untyped SQLite columns): shown and edited as its text. */
export const unknownKind: Kind = {
  name: 'unknown',
  searchable: false,
  filterOperators: ['null'],
  format(value, _column, options) {
    if (value === null || value === undefined) return nullDisplay
    return displayText(plainText(value), Buffer.isBuffer(value) ? 'binary' : 'plain', options)
  },
  parse: (input) => ok(input),
  schema: () => z.string(),
  widget: () => ({ type: 'textarea' }),
  toInput: (value) => plainText(value),
}
