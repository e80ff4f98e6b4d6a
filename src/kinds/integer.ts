import { z } from 'zod'
import { formatNumber, plainText } from './display-value.js'
import { canonicalInteger, inRange, int64Max, int64Min, integerValue } from './integer-text.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

// Postgres integer widths by type name; SQLite integers are always 64-bit whatever the declared type says.
const postgresRanges: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  oid: [0n, 4294967295n],
}

export const integerKind: Kind = {
  name: 'integer',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatNumber,
  parse(input, column, dialect) {
    const text = canonicalInteger(input)
    if (text === undefined) return fail('Enter a whole number.')
    const [min, max] = (dialect === 'postgres' && postgresRanges[column.baseType]) || [int64Min, int64Max]
    if (!inRange(text, min, max)) return fail(`Enter a whole number from ${min} to ${max}.`)
    return ok(integerValue(text))
  },
  schema: () => z.union([z.number().int(), z.string().regex(/^-?\d+$/)]),
  widget: () => ({ type: 'number', step: '1', inputMode: 'numeric' }),
  toInput: (value) => plainText(value),
}
