import { dialectFor } from '../db/dialects.js'
import type { DialectName } from '../introspect/metadata.js'
import { isCalendarDate } from '../kinds/temporal-text.js'

/**
 * HTML's value sanitization, as Chromium applies it when a page sets an input's value: a number input
 * blanks anything that is not a finite "valid floating-point number" (`1e1000`, `+1`, `1.`), a date
 * input anything outside 0001-01-01…275760-09-13 or not on the calendar (`2024-02-30`), a time input
 * `24:00:00` and more than three fraction digits. A blanked value comes back as `""` on save, which
 * reads as NULL — so a control is only drawn for a value it keeps; anything else is edited as text.
 * (A datetime-local input also rewrites a value it keeps — `T`, `:00` seconds dropped — which the
 * datetime kind reads back as the same timestamp.)
 * https://html.spec.whatwg.org/multipage/input.html#value-sanitization-algorithm
 */
export function inputKeeps(type: 'number' | 'date' | 'time' | 'datetime-local', value: string): boolean {
  if (value === '') return true
  switch (type) {
    case 'number':
      return floatingPoint.test(value) && Number.isFinite(Number(value))
    case 'date':
      return isHtmlDate(value)
    case 'time':
      return isHtmlTime(value)
    case 'datetime-local': {
      const [date, time, extra] = value.split(/[T ]/)
      return extra === undefined && time !== undefined && isHtmlDate(date!) && isHtmlTime(time)
    }
  }
}

const floatingPoint = /^-?(\d+|\d*\.\d+)([eE][+-]?\d+)?$/
const htmlDate = /^(\d{4,})-(\d{2})-(\d{2})$/
const htmlTime = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/
// The last day an HTML date input represents (the end of ECMAScript's time range).
const lastHtmlDate = '275760-09-13'

function isHtmlDate(text: string): boolean {
  const match = htmlDate.exec(text)
  if (!match) return false
  const [, year, month, day] = match
  if (Number(year) < 1 || !isCalendarDate(year!, month!, day!)) return false
  return year!.length < 6 || (year!.length === 6 && text <= lastHtmlDate)
}

function isHtmlTime(text: string): boolean {
  const match = htmlTime.exec(text)
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3] ?? 0) < 60
}

/**
 * Whether a page can show `text` in a field and get exactly it back. U+0000 turns into U+FFFD when a page is
 * parsed. Where the driver decodes text lossily (SQLite), U+FFFD may itself stand for bytes that were not
 * UTF-8: writing it back would replace what the column holds.
 */
export function pageCarries(text: string, dialect: DialectName): boolean {
  return !text.includes('\u0000') && !(dialectFor(dialect).values.lossyTextDecoding && text.includes('\uFFFD'))
}

/**
 * A select's option value for a choice. The empty value is the select's own "no choice" (NULL, the
 * default, or "— choose —"), so a choice that is itself `''` — a label Postgres enums and CHECK lists
 * allow — is sent as `\`, and a choice starting with `\` gets one more.
 */
export function choiceValue(choice: string): string {
  return choice === '' || choice.startsWith('\\') ? `\\${choice}` : choice
}

/** The choice a select sent (the inverse of `choiceValue`); undefined for the empty "no choice" option. */
export function readChoice(sent: string): string | undefined {
  if (sent === '') return undefined
  return sent.startsWith('\\') ? sent.slice(1) : sent
}
