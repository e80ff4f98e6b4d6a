import { z } from 'zod'
import { formatAs, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'
import { infinities, inPostgresRange, readDate } from './temporal-text.js'

export const dateKind: Kind = {
  name: 'date',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatAs('plain'),
  parse(input, _column, dialect) {
    const text = input.trim()
    if (dialect === 'postgres' && infinities.has(text.toLowerCase())) return ok(text.toLowerCase())
    const date = readDate(text)
    // SQLite has no date type: only the ISO form sorts and compares correctly there.
    const storable = date !== undefined && !(dialect === 'sqlite' && date.endsWith(' BC'))
    if (!storable) return fail('Enter a date like 2024-01-31.')
    if (dialect === 'postgres' && !inPostgresRange(date, 'date'))
      return fail('Enter a date from 4714-11-24 BC to 5874897-12-31 (there is no year 0).')
    return ok(date)
  },
  schema: () => z.string(),
  widget: () => ({ type: 'date', placeholder: 'YYYY-MM-DD' }),
  toInput: (value) => plainText(value),
}
