import { z } from 'zod'
import { formatNumber, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?$/
const specialValues = new Set(['NaN', 'Infinity', '-Infinity'])

/**
 * Exact decimals: the form's text is checked against precision and scale and passed on as text, so no
 * digit goes through a float. (SQLite stores NUMERIC as integer or real anyway; that is its own rounding.)
 */
export const decimalKind: Kind = {
  name: 'decimal',
  searchable: false,
  filterOperators: ['eq', 'gte', 'lte', 'null'],
  format: formatNumber,
  parse(input, column, dialect) {
    const text = input.trim()
    if (dialect === 'postgres' && specialValues.has(text)) {
      // A numeric with a precision holds NaN but no infinity.
      return text === 'NaN' || column.precision === null ? ok(text) : fail('This column cannot hold an infinity.')
    }
    const match = decimalPattern.exec(text)
    const whole = match?.[2] ?? ''
    const fraction = match?.[3] ?? ''
    if (!match || whole + fraction === '') return fail('Enter a number, like 12.50.')
    const problem = precisionProblem(whole, fraction, column.precision, column.scale)
    return problem ? fail(problem) : ok(text)
  },
  schema(column) {
    return z.string().superRefine((text, ctx) => {
      const match = decimalPattern.exec(text.trim())
      if (!match) {
        if (!specialValues.has(text.trim())) ctx.addIssue({ code: 'custom', message: 'Enter a number, like 12.50.' })
        return
      }
      const problem = precisionProblem(match[2] ?? '', match[3] ?? '', column.precision, column.scale)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
  },
  widget(column) {
    const scale = column.scale ?? 0
    const step = column.scale === null ? 'any' : scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`
    return { type: 'number', step, inputMode: 'decimal' }
  },
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
