import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { formatNumber, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const floatPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
// Postgres spells these out; SQLite has no NaN (it stores NULL) but keeps infinities.
const specials: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }

export const floatKind: Kind = {
  name: 'float',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatNumber,
  parse(input, column, dialect) {
    const text = input.trim()
    const special = specials[text]
    const { values } = dialectFor(dialect)
    if (special !== undefined) {
      return !values.floatNaN && Number.isNaN(special) ? fail('SQLite cannot store NaN.') : ok(special)
    }
    if (!floatPattern.test(text)) return fail('Enter a number, like 1.5 or 2e-3.')
    const n = Number(text)
    if (!Number.isFinite(n)) return fail('The number is too large.')
    const range = values.floatRanges[column.baseType]
    if (range && n !== 0 && (Math.abs(n) > range.largest || Math.abs(n) < range.smallest)) {
      return fail('The number is out of range for a real.')
    }
    return ok(n)
  },
  // zod's number() refuses NaN and infinities, which Postgres (and SQLite, for infinities) store.
  schema: () => z.custom<number>((value) => typeof value === 'number', 'Enter a number.'),
  widget: () => ({ type: 'number', step: 'any', inputMode: 'decimal' }),
  // JS prints the shortest text that reads back as the same double (and float4 values arrive already rounded).
  toInput: (value) => plainText(value),
}
