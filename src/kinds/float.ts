import { z } from 'zod'
import { formatNumber, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const floatPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const float4Max = 3.4028234663852886e38
const float4Min = 1.401298464324817e-45
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
    if (special !== undefined) {
      return dialect === 'sqlite' && Number.isNaN(special) ? fail('SQLite cannot store NaN.') : ok(special)
    }
    if (!floatPattern.test(text)) return fail('Enter a number, like 1.5 or 2e-3.')
    const n = Number(text)
    if (!Number.isFinite(n)) return fail('The number is too large.')
    // real (float4): Postgres refuses what would overflow or underflow to zero rather than round it.
    if (dialect === 'postgres' && column.baseType === 'float4' && n !== 0) {
      if (Math.abs(n) > float4Max || Math.abs(n) < float4Min) return fail('The number is out of range for a real.')
    }
    return ok(n)
  },
  // zod's number() refuses NaN and infinities, which Postgres (and SQLite, for infinities) store.
  schema: () => z.custom<number>((value) => typeof value === 'number', 'Enter a number.'),
  widget: () => ({ type: 'number', step: 'any', inputMode: 'decimal' }),
  // JS prints the shortest text that reads back as the same double (and float4 values arrive already rounded).
  toInput: (value) => plainText(value),
}
