import { z } from 'zod'
import type { Column, DialectName } from '../introspect/metadata.js'
import { formatAs, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'
import { isPostgresZone, readTime } from './temporal-text.js'

/** Times of day as text; a time input only for a Postgres `time` (no zone), for the same reasons as datetime. */
export const timeKind: Kind = {
  name: 'time',
  searchable: false,
  filterOperators: ['gte', 'lte', 'null'],
  format: formatAs('plain'),
  parse(input, column, dialect) {
    const text = input.trim()
    const canonical = readTime(text)
    if (canonical === undefined) return fail('Enter a time like 14:05:00.')
    if (dialect === 'postgres' && !isPostgresZone(canonical)) return fail('Enter a zone offset within ±15:59:59.')
    return ok(usesTimeInput(column, dialect) ? canonical : text)
  },
  schema: () => z.string(),
  widget(column, dialect) {
    return usesTimeInput(column, dialect) ? { type: 'time', step: 'any' } : { type: 'text', placeholder: '14:05:00' }
  },
  toInput: (value) => plainText(value),
}

function usesTimeInput(column: Column, dialect: DialectName): boolean {
  return dialect === 'postgres' && column.baseType === 'time'
}
