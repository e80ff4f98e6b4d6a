import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { formatAs, formatMoney, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { refuseNul } from './nul-text.js'
import { ok } from './parse-result.js'

// Above this a single-line input gets cramped.
const singleLineMax = 255
// Unbounded text (SQLite TEXT, Postgres text) is mostly names, codes and emails: a one-line input,
// unless the column's name says prose. A value with line breaks gets a textarea anyway (see fitControl).
const prose =
  /(^|_)(description|notes?|body|content|comments?|bio|summary|message|details|remarks|about|instructions|text)($|_)/i

const plainFormat = formatAs('plain')

export const textKind: Kind = {
  name: 'text',
  searchable: true,
  filterOperators: ['eq', 'null'],
  format(value, column, options) {
    if (dialectFor(options.dialect).values.moneyTypes.has(column.baseType)) return formatMoney(value, column, options)
    return plainFormat(value, column, options)
  },
  // Text is taken exactly as typed: trimming would change what the user meant to store. A type with its
  // own input syntax (Postgres money, bit) is read by it first.
  parse(input, column, dialect) {
    const refused = refuseNul(input, dialect)
    if (refused) return refused
    const grammar = dialectFor(dialect).values.textGrammars[column.baseType]
    return grammar ? grammar(input) : ok(input)
  },
  schema(column) {
    const max = column.length
    if (max === null) return z.string()
    // The database counts characters, not UTF-16 units: an emoji is one character of a varchar(n).
    return z.string().refine((text) => Array.from(text).length <= max, `At most ${max} characters.`)
  },
  widget(column) {
    if (column.length !== null && column.length <= singleLineMax) return { type: 'text', maxLength: column.length }
    if (column.length === null) return prose.test(column.name) ? { type: 'textarea' } : { type: 'text' }
    return { type: 'textarea', maxLength: column.length }
  },
  toInput: (value) => plainText(value),
}
