import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import type { Column, DialectName } from '../introspect/metadata.js'
import { formatAs, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'
import { readTime } from './temporal-text.js'

/** Times of day as text; a time input only for a type without a zone that the engine reformats, as for datetime. */
export const timeKind: Kind = {
  name: 'time',
  searchable: false,
  filterOperators: ['gte', 'lte', 'null'],
  format: formatAs('plain'),
  parse(input, column, dialect) {
    const text = input.trim()
    const canonical = readTime(text)
    if (canonical === undefined) return fail('Enter a time like 14:05:00.')
    const range = dialectFor(dialect).values.temporalRange
    if (range && !range.holds(canonical, 'time')) return fail(range.hints.time)
    return ok(usesTimeInput(column, dialect) ? canonical : text)
  },
  schema: () => z.string(),
  widget(column, dialect) {
    return usesTimeInput(column, dialect) ? { type: 'time', step: 'any' } : { type: 'text', placeholder: '14:05:00' }
  },
  toInput: (value) => plainText(value),
}

function usesTimeInput(column: Column, dialect: DialectName): boolean {
  return dialectFor(dialect).values.timeInputTypes.has(column.baseType)
}
