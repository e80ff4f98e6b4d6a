import type { ParseResult } from '../kinds/kind.js'
import { fail, ok } from '../kinds/parse-result.js'

/**
 * Postgres types Steward edits as text although the server parses their input: each is read here, so a
 * value it would refuse is a message on the form or the list rather than an error from SQL.
 * `money` follows the server's `cash_in` for the C locale (https://www.postgresql.org/docs/current/datatype-money.html).
 */
export const postgresTextGrammars: Readonly<Record<string, (text: string) => ParseResult>> = {
  money: readMoney,
  bit: readBits,
  varbit: readBits,
}

/** Types whose input Steward does not read (tsvector, tsquery) or that have no equality (xml): a filter compares their text form. */
export const comparedAsText: ReadonlySet<string> = new Set(['xml', 'tsvector', 'tsquery'])

const moneyPattern = /^([+-]?)\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/
// money is a 64-bit count of cents.
const maxCents = 2n ** 63n - 1n

/** An amount like `1234.5`, `-$1,234.50` or `$0.99`, as a plain decimal the server reads in any lc_monetary with a `.` point. */
function readMoney(input: string): ParseResult {
  const match = moneyPattern.exec(input.trim())
  const [, sign = '', whole = '', fraction = ''] = match ?? []
  if (!match || whole + fraction === '') return fail('Enter an amount of money, like 1234.50.')
  const digits = whole.replaceAll(',', '') || '0'
  const cents = BigInt(digits) * 100n + BigInt(`${fraction}00`.slice(0, 2))
  // Digits past the cent round the amount, possibly up by one cent.
  if (cents >= maxCents) return fail('The amount is too large for a money column.')
  return ok(`${sign === '-' ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`)
}

/** Bit strings: binary digits, or `x` and hexadecimal digits (bit_in). */
function readBits(input: string): ParseResult {
  const text = input.trim()
  return /^(?:[01]*|[xX][0-9a-fA-F]*)$/.test(text) ? ok(text) : fail('Enter binary digits like 1010.')
}
