import { z } from 'zod'
import { choiceText } from './choice-text.js'
import { displayText, nullDisplay, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { refuseNul } from './nul-text.js'
import { fail, ok } from './parse-result.js'

/** Postgres enums and simple `CHECK (col IN (…))` lists; the choices keep their declared order. */
export const enumKind: Kind = {
  name: 'enum',
  searchable: false,
  filterOperators: ['eq', 'in', 'null'],
  // Shown humanised ("In transit"); parse, toInput and exports keep the stored value.
  format: (value, column, options) =>
    value === null || value === undefined
      ? nullDisplay
      : displayText(choiceText(plainText(value), column.choices ?? []), 'plain', options),
  parse(input, column, dialect) {
    const refused = refuseNul(input, dialect)
    if (refused) return refused
    const choices = column.choices ?? []
    if (choices.length > 0 && !choices.includes(input)) return fail(`Choose one of: ${choices.join(', ')}.`)
    return ok(input)
  },
  schema(column) {
    const choices = column.choices ?? []
    return choices.length > 0 ? z.enum(choices as [string, ...string[]]) : z.string()
  },
  widget: (column) => ({ type: 'select', options: column.choices ?? [] }),
  toInput: (value) => plainText(value),
}
