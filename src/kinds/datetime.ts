import { z } from 'zod'
import type { Column, DialectName } from '../introspect/metadata.js'
import { formatAs, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'
import { htmlInputPatterns, infinities, inPostgresRange, readDateTime } from './temporal-text.js'

/**
 * Timestamps keep the server's text, zone included. Only a Postgres `timestamp` (no zone) gets a
 * datetime-local input: it cannot show a zone, and SQLite keeps whatever text it was given, so
 * there the exact text is edited as typed rather than rewritten into the browser's format.
 */
export const datetimeKind: Kind = {
  name: 'datetime',
  searchable: false,
  filterOperators: ['gte', 'lte', 'null'],
  format: formatAs('plain'),
  parse(input, column, dialect) {
    const text = input.trim()
    if (dialect === 'postgres' && infinities.has(text.toLowerCase())) return ok(text.toLowerCase())
    if (dialect === 'sqlite' && /^-?\d+(\.\d+)?$/.test(text)) return ok(text) // unix time or a Julian day
    const canonical = readDateTime(text)
    if (canonical === undefined) return fail(`Enter a date and time like ${example(column, dialect)}.`)
    if (dialect === 'postgres' && !inPostgresRange(canonical, 'timestamp'))
      return fail('Enter a time from 4714-11-24 BC to 294276-12-31, with a zone offset within ±15:59:59.')
    return ok(usesLocalInput(column, dialect) ? canonical : text)
  },
  schema: () => z.string(),
  widget(column, dialect) {
    if (usesLocalInput(column, dialect)) return { type: 'datetime-local', step: 'any' }
    return { type: 'text', placeholder: example(column, dialect) }
  },
  toInput(value, column, dialect) {
    const text = plainText(value)
    const local = text.replace(' ', 'T')
    return usesLocalInput(column, dialect) && htmlInputPatterns['datetime-local'].test(local) ? local : text
  },
}

function usesLocalInput(column: Column, dialect: DialectName): boolean {
  return dialect === 'postgres' && column.baseType === 'timestamp'
}

function example(column: Column, dialect: DialectName): string {
  return dialect === 'postgres' && column.baseType === 'timestamptz' ? '2024-01-31 14:05:00+00' : '2024-01-31 14:05:00'
}
