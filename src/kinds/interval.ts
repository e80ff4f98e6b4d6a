import { z } from 'zod'
import { formatAs, plainText } from './display-value.js'
import { isInterval } from './interval-text.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

/**
 * Intervals as text, read by Postgres's grammar on both dialects: SQLite stores what it is given, so
 * without this it would keep `1 fortnight`, and on Postgres a refused value would reach SQL as an error.
 */
export const intervalKind: Kind = {
  name: 'interval',
  searchable: false,
  filterOperators: ['eq', 'null'],
  format: formatAs('plain'),
  parse(input) {
    const text = input.trim()
    if (!isInterval(text)) return fail('Enter an interval like 1 day 02:00:00, 3 hours or P1DT2H.')
    return ok(text)
  },
  schema: () => z.string(),
  widget: () => ({ type: 'text', placeholder: '1 day 02:00:00' }),
  toInput: (value) => plainText(value),
}
