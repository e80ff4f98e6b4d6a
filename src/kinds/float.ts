import { z } from 'zod'
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
  parse(input, _column, dialect) {
    const text = input.trim()
    const special = specials[text]
    if (special !== undefined) {
      return dialect === 'sqlite' && Number.isNaN(special) ? fail('SQLite cannot store NaN.') : ok(special)
    }
    if (!floatPattern.test(text)) return fail('Enter a number, like 1.5 or 2e-3.')
    const n = Number(text)
    return Number.isFinite(n) ? ok(n) : fail('The number is too large.')
  },
  // zod's number() refuses NaN and infinities, which Postgres (and SQLite, for infinities) store.
  schema: () => z.custom<number>((value) => typeof value === 'number', 'Enter a number.'),
  widget: () => ({ type: 'number', step: 'any', inputMode: 'decimal' }),
  // JS prints the shortest text that reads back as the same double (and float4 values arrive already rounded).
  toInput: (value) => plainText(value),
}
