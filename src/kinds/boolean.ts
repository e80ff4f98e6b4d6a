import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { displayText, nullDisplay } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const truthy = new Set(['true', 't', 'yes', 'y', 'on', '1'])
const falsy = new Set(['false', 'f', 'no', 'n', 'off', '0'])

/** Postgres booleans arrive as true/false; SQLite has none and stores 0/1, which is what Steward writes there. */
export const booleanKind: Kind = {
  name: 'boolean',
  searchable: false,
  filterOperators: ['eq', 'null'],
  format(value, _column, options) {
    if (value === null || value === undefined) return nullDisplay
    const truth = truthOf(value)
    if (truth === undefined) return displayText(String(value), 'plain', options)
    return displayText(truth ? 'true' : 'false', truth ? 'boolean-true' : 'boolean-false', options)
  },
  parse(input, _column, dialect) {
    const text = input.trim().toLowerCase()
    const truth = truthy.has(text) ? true : falsy.has(text) ? false : undefined
    if (truth === undefined) return fail('Choose true or false.')
    const stored = dialectFor(dialect).values.booleanValues
    return ok(truth ? stored.true : stored.false)
  },
  schema: () => z.union([z.boolean(), z.literal(0), z.literal(1)]),
  widget: (column) => (column.nullable ? { type: 'tristate' } : { type: 'checkbox' }),
  toInput(value) {
    const truth = truthOf(value)
    return truth === undefined ? String(value) : truth ? 'true' : 'false'
  },
}

/** What a stored value means, or undefined for something that is not a boolean (SQLite stores anything). */
function truthOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 1 || value === 0) return value === 1
  if (typeof value === 'string') {
    const text = value.toLowerCase()
    if (truthy.has(text)) return true
    if (falsy.has(text)) return false
  }
  return undefined
}
