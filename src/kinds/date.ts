import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { formatAs, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'
import { infinities, readDate } from './temporal-text.js'

export const dateKind: Kind = {
  name: 'date',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatAs('plain'),
  parse(input, _column, dialect) {
    const text = input.trim()
    const { values } = dialectFor(dialect)
    if (values.temporalInfinities && infinities.has(text.toLowerCase())) return ok(text.toLowerCase())
    const date = readDate(text)
    const storable = date !== undefined && (values.bcDates || !date.endsWith(' BC'))
    if (!storable) return fail('Enter a date like 2024-01-31.')
    const range = values.temporalRange
    if (range && !range.holds(date, 'date')) return fail(range.hints.date)
    return ok(date)
  },
  schema: () => z.string(),
  widget: () => ({ type: 'date', placeholder: 'YYYY-MM-DD' }),
  toInput: (value) => plainText(value),
}
