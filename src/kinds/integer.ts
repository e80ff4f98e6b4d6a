import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { formatNumber, plainText } from './display-value.js'
import { canonicalInteger, inRange, int64Max, int64Min, integerValue } from './integer-text.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

export const integerKind: Kind = {
  name: 'integer',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatNumber,
  parse(input, column, dialect) {
    const text = canonicalInteger(input)
    if (text === undefined) return fail('Enter a whole number.')
    const [min, max] = dialectFor(dialect).values.integerRanges[column.baseType] ?? [int64Min, int64Max]
    if (!inRange(text, min, max)) return fail(`Enter a whole number from ${min} to ${max}.`)
    return ok(integerValue(text))
  },
  schema: () => z.union([z.number().int(), z.string().regex(/^-?\d+$/)]),
  widget: () => ({ type: 'number', step: '1', inputMode: 'numeric' }),
  toInput: (value) => plainText(value),
}
