import { z } from 'zod'
import { formatNumber, plainText } from './display-value.js'
import { canonicalInteger, inRange, int64Max, int64Min } from './integer-text.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

/** 64-bit integers stay decimal strings from driver to form and back; a JS number would round above 2^53. */
export const bigintKind: Kind = {
  name: 'bigint',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatNumber,
  parse(input) {
    const text = canonicalInteger(input)
    if (text === undefined) return fail('Enter a whole number.')
    if (!inRange(text, int64Min, int64Max)) return fail(`Enter a whole number from ${int64Min} to ${int64Max}.`)
    return ok(text)
  },
  schema: () => z.string().regex(/^-?\d+$/),
  // A text input: a number input would hand the browser a float and round long values.
  widget: () => ({ type: 'text', inputMode: 'numeric', pattern: '[+\\-]?[0-9]+' }),
  toInput: (value) => plainText(value),
}
