const timestamp =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:\s?(Z|UTC|([+-])(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?))?$/i

export interface TimestampDisplay {
  /** Zoned: the instant in UTC, marked `UTC`; naive: the text as stored. */
  readonly text: string
  /** For `<time datetime>`: `…Z` when zoned, the wall-clock time alone when naive (at most milliseconds, as HTML reads it). */
  readonly datetime: string
  readonly zoned: boolean
}

/**
 * How a timestamp's text is shown: one that carries an offset (a Postgres timestamptz in any session zone,
 * SQLite text ending in `Z` or `+02:00`) is an instant, shown in UTC until the page's script moves it to the
 * viewer's zone; one without is a wall-clock time in no known zone, shown as stored. The fraction is kept
 * digit for digit (a JS Date holds only milliseconds). Undefined for what is not such a text (infinity,
 * BC, a year past 9999, a unix time): it is shown as stored.
 */
export function timestampDisplay(text: string): TimestampDisplay | undefined {
  // The common case, `2024-01-31 14:05:00` as SQLite and most drivers write a timestamp without a zone, read
  // without the pattern below (its thirteen groups were a list page's biggest allocation after its markup).
  if (isPlainNaive(text)) return { text, datetime: `${text.slice(0, 10)}T${text.slice(11)}`, zoned: false }
  const match = timestamp.exec(text.trim())
  if (!match) return undefined
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second = '00',
    fraction = '',
    zone,
    sign,
    offsetHours,
    offsetMinutes,
    offsetSeconds,
  ] = match
  const millis = fraction.slice(0, 4)
  if (zone === undefined) {
    return { text, datetime: `${year}-${month}-${day}T${hour}:${minute}:${second}${millis}`, zoned: false }
  }
  const offset =
    sign === undefined
      ? 0
      : (sign === '-' ? -1 : 1) *
        (Number(offsetHours) * 3600 + Number(offsetMinutes ?? 0) * 60 + Number(offsetSeconds ?? 0))
  const instant = new Date(0)
  instant.setUTCFullYear(Number(year), Number(month) - 1, Number(day))
  instant.setUTCHours(Number(hour), Number(minute), Number(second) - offset)
  const utcYear = instant.getUTCFullYear()
  if (Number.isNaN(utcYear) || utcYear < 1 || utcYear > 9999) return undefined
  const pad = (n: number) => String(n).padStart(2, '0')
  const date = `${String(utcYear).padStart(4, '0')}-${pad(instant.getUTCMonth() + 1)}-${pad(instant.getUTCDate())}`
  const clock = `${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())}`
  return { text: `${date} ${clock}${fraction} UTC`, datetime: `${date}T${clock}${millis}Z`, zoned: true }
}

/** `yyyy-mm-dd hh:mm:ss` (or with a `T`) exactly: what `timestamp` reads as a naive time with seconds and no fraction. */
function isPlainNaive(text: string): boolean {
  if (text.length !== 19) return false
  for (let i = 0; i < 19; i++) {
    const code = text.charCodeAt(i)
    const wanted = i === 4 || i === 7 ? 45 : i === 13 || i === 16 ? 58 : i === 10 ? -1 : 0
    if (wanted === 0 ? code < 48 || code > 57 : wanted === -1 ? code !== 32 && code !== 84 : code !== wanted)
      return false
  }
  return true
}
