import { z } from 'zod'
import { formatAs, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

// Postgres reads many spellings ('1 day 02:00', '2 hours', 'P1DT2H', '@ 1 hour ago'); the server is the judge,
// this only keeps out what cannot be one.
const intervalChars = /^[\w\s:.,+\-@]+$/

export const intervalKind: Kind = {
  name: 'interval',
  searchable: false,
  filterOperators: ['eq', 'null'],
  format: formatAs('plain'),
  parse(input) {
    const text = input.trim()
    if (!intervalChars.test(text) || !/\d/.test(text)) return fail('Enter an interval like 1 day 02:00:00 or 3 hours.')
    return ok(text)
  },
  schema: () => z.string(),
  widget: () => ({ type: 'text', placeholder: '1 day 02:00:00' }),
  toInput: (value) => plainText(value),
}
