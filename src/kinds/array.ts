import { z } from 'zod'
import { toArrayLiteral, isArrayLiteral, jsonArrayToLiteral } from './array-literal.js'
import { displayText, nullDisplay } from './display-value.js'
import type { Kind } from './kind.js'
import { refuseNul } from './nul-text.js'
import { fail, ok } from './parse-result.js'

const hint = 'Enter a list like {a,b} or ["a","b"]; {} is an empty list.'

/** Postgres arrays, edited as array literals; the form also accepts a JSON array. */
export const arrayKind: Kind = {
  name: 'array',
  searchable: false,
  filterOperators: ['null'],
  format(value, _column, options) {
    if (value === null || value === undefined) return nullDisplay
    return displayText(toArrayLiteral(value), 'mono', options)
  },
  parse(input, _column, dialect) {
    const refused = refuseNul(input, dialect)
    if (refused) return refused
    const text = input.trim()
    if (text.startsWith('[') && !/^\[-?\d+:/.test(text)) {
      let items: unknown
      try {
        items = JSON.parse(text)
      } catch {
        return fail(hint)
      }
      const literal = Array.isArray(items) ? jsonArrayToLiteral(items) : undefined
      return literal === undefined ? fail(hint) : ok(literal)
    }
    return isArrayLiteral(text) ? ok(text) : fail(hint)
  },
  schema: () => z.string(),
  widget: (column) => ({
    type: 'text',
    placeholder: column.arrayElementType ? `{…} of ${column.arrayElementType}` : '{a,b}',
  }),
  toInput: (value) => toArrayLiteral(value),
}
