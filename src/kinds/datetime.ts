import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import type { Column, DialectName } from '../introspect/metadata.js'
import { displayText, nullDisplay, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'
import { htmlInputPatterns, infinities, readDateTime } from './temporal-text.js'
import { timestampDisplay } from './timestamp-display.js'

/**
 * Timestamps keep the server's text, zone included. Only a type without a zone that the engine reformats
 * (a Postgres `timestamp`) gets a datetime-local input: it cannot show a zone, and SQLite keeps whatever
 * text it was given, so there the exact text is edited as typed rather than rewritten into the browser's format.
 */
export const datetimeKind: Kind = {
  name: 'datetime',
  searchable: false,
  filterOperators: ['gte', 'lte', 'null'],
  format(value, _column, options) {
    if (value === null || value === undefined) return nullDisplay
    const text = plainText(value)
    const shown = timestampDisplay(text)
    if (!shown) return displayText(text, 'plain', options)
    return {
      text: shown.text,
      isNull: false,
      isEmpty: false,
      style: 'plain',
      time: { datetime: shown.datetime, zoned: shown.zoned },
    }
  },
  parse(input, column, dialect) {
    const text = input.trim()
    const { values } = dialectFor(dialect)
    if (values.temporalInfinities && infinities.has(text.toLowerCase())) return ok(text.toLowerCase())
    if (values.numericTimestamps && /^-?\d+(\.\d+)?$/.test(text)) return ok(text) // unix time or a Julian day
    const canonical = readDateTime(text)
    if (canonical === undefined) return fail(`Enter a date and time like ${example(column, dialect)}.`)
    const range = values.temporalRange
    if (range && !range.holds(canonical, 'timestamp')) return fail(range.hints.timestamp)
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
  return dialectFor(dialect).values.timeInputTypes.has(column.baseType)
}

function example(column: Column, dialect: DialectName): string {
  const zoned = dialectFor(dialect).values.zonedTimestampTypes.has(column.baseType)
  return zoned ? '2024-01-31 14:05:00+00' : '2024-01-31 14:05:00'
}
