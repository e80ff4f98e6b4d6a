/**
 * Checks and canonical forms for date and time text. Values stay text end to end (a JS Date drops
 * microseconds and zones); these only decide what is well-formed and undo what HTML inputs change
 * (`T` for a space, seconds dropped when they are :00).
 */

const datePart = String.raw`(\d{4,})-(\d{2})-(\d{2})`
const timePart = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?`
const zonePart = String.raw`(?:\s?(?:Z|UTC|[+-]\d{1,2}(?::?\d{2}(?::?\d{2})?)?))?`

const dateOnly = new RegExp(`^${datePart}( BC)?$`)
const dateTime = new RegExp(`^${datePart}[ T]${timePart}(${zonePart})( BC)?$`, 'i')
const timeOnly = new RegExp(`^${timePart}(${zonePart})$`, 'i')

export const infinities = new Set(['infinity', '-infinity'])

/** `2024-02-30` is not a date; years may be longer than four digits on Postgres. */
export function isCalendarDate(year: string, month: string, day: string): boolean {
  const m = Number(month)
  const d = Number(day)
  if (m < 1 || m > 12 || d < 1) return false
  const y = Number(year)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31
  return d <= days
}

function isClock(hour: string, minute: string, second: string | undefined, fraction = ''): boolean {
  const h = Number(hour)
  const m = Number(minute)
  const s = Number(second ?? '0')
  // Postgres accepts 24:00:00 as the end of a day, but nothing after it.
  return (h < 24 && m < 60 && s < 60) || (h === 24 && m === 0 && s === 0 && !/[1-9]/.test(fraction))
}

/** A canonical `YYYY-MM-DD` (with ` BC` when given), or undefined. */
export function readDate(text: string): string | undefined {
  const match = dateOnly.exec(text)
  if (!match || !isCalendarDate(match[1]!, match[2]!, match[3]!)) return undefined
  return text
}

/** `YYYY-MM-DD HH:MM:SS[.f][zone][ BC]` with a space, seconds padded; or undefined. */
export function readDateTime(text: string): string | undefined {
  const match = dateTime.exec(text)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second, fraction, zone, bc] = match
  if (!isCalendarDate(year!, month!, day!) || !isClock(hour!, minute!, second, fraction)) return undefined
  const clock = `${hour!.padStart(2, '0')}:${minute}:${second ?? '00'}${fraction ?? ''}`
  return `${year}-${month}-${day} ${clock}${zone ?? ''}${bc ?? ''}`
}

/** `HH:MM:SS[.f][zone]`, seconds padded; or undefined. */
export function readTime(text: string): string | undefined {
  const match = timeOnly.exec(text)
  if (!match) return undefined
  const [, hour, minute, second, fraction, zone] = match
  if (!isClock(hour!, minute!, second, fraction)) return undefined
  return `${hour!.padStart(2, '0')}:${minute}:${second ?? '00'}${fraction ?? ''}${zone ?? ''}`
}

/** What an HTML date/time input can hold; anything else must be edited as text or the browser blanks it. */
export const htmlInputPatterns = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'datetime-local': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
  time: /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
} as const
