import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { formatDecimal, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const decimalPattern = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,7}))?$/
const specialValues = new Set(['NaN', 'Infinity', '-Infinity'])
// Postgres reads an exponent of at most ±1000 (NUMERIC_MAX_PRECISION); 1e1000 is the largest such input.
const maxShift = 1000

/** The digits before and after the point of a decimal's text (an exponent applied), or undefined. */
function decimalParts(text: string): { whole: string; fraction: string } | undefined {
  const match = decimalPattern.exec(text)
  if (!match) return undefined
  const [, whole = '', fraction = '', exponent] = match
  if (whole + fraction === '') return undefined
  const shift = Number(exponent ?? 0)
  if (Math.abs(shift) > maxShift) return undefined
  const digits = whole + fraction
  const point = whole.length + shift
  if (point <= 0) return { whole: '', fraction: '0'.repeat(-point) + digits }
  if (point >= digits.length) return { whole: digits + '0'.repeat(point - digits.length), fraction: '' }
  return { whole: digits.slice(0, point), fraction: digits.slice(point) }
}

/**
 * Exact decimals (an exponent allowed, as Postgres reads it): the form's text is checked against precision
 * and scale and passed on as text, so no digit goes through a float. (SQLite stores NUMERIC as integer or
 * real anyway; that is its own rounding.)
 */
export const decimalKind: Kind = {
  name: 'decimal',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatDecimal,
  parse(input, column, dialect) {
    const text = input.trim()
    if (dialectFor(dialect).values.decimalSpecials && specialValues.has(text)) {
      // A numeric with a precision holds NaN but no infinity.
      return text === 'NaN' || column.precision === null ? ok(text) : fail('This column cannot hold an infinity.')
    }
    const parts = decimalParts(text)
    if (!parts) return fail('Enter a number, like 12.50 or 1e6.')
    const problem = precisionProblem(parts.whole, parts.fraction, column.precision, column.scale)
    return problem ? fail(problem) : ok(text)
  },
  schema(column) {
    return z.string().superRefine((text, ctx) => {
      const parts = decimalParts(text.trim())
      if (!parts) {
        if (!specialValues.has(text.trim())) ctx.addIssue({ code: 'custom', message: 'Enter a number, like 12.50.' })
        return
      }
      const problem = precisionProblem(parts.whole, parts.fraction, column.precision, column.scale)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
  },
  // Text, not a number input: that one holds only what a double can (it blanks 1e1000 and refuses to take it).
  widget: () => ({ type: 'text', inputMode: 'decimal' }),
  toInput: (value) => plainText(value),
}

function precisionProblem(
  whole: string,
  fraction: string,
  precision: number | null,
  scale: number | null,
): string | undefined {
  const fractionDigits = fraction.replace(/0+$/, '').length
  if (scale !== null && fractionDigits > scale) {
    if (scale === 0) return 'Enter a whole number.'
    return `At most ${scale} digit${scale === 1 ? '' : 's'} after the decimal point.`
  }
  // Postgres's limits for a numeric without precision: https://www.postgresql.org/docs/current/datatype-numeric.html
  if (whole.replace(/^0+/, '').length > 131072 || fractionDigits > 16383) return 'The number has too many digits.'
  if (precision !== null) {
    const wholeDigits = whole.replace(/^0+/, '').length
    const allowed = precision - (scale ?? 0)
    if (wholeDigits > allowed) {
      return `At most ${allowed} digit${allowed === 1 ? '' : 's'} before the decimal point.`
    }
  }
  return undefined
}
