/**
 * One interval grammar for both dialects: Postgres's own input syntax
 * (https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-INTERVAL-INPUT), so SQLite keeps
 * only what Postgres would read and a filter never hands Postgres text it refuses. It follows the server's
 * `DecodeInterval` and `DecodeISO8601Interval`: units read right to left, each field at most once, `ago` last,
 * field ranges checked. Where Postgres is lax (stray punctuation, `02:00 day`, `1:`) this is stricter.
 */

type Unit =
  'us' | 'ms' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year' | 'decade' | 'century' | 'millennium'

const units: Readonly<Record<string, Unit>> = {
  ...spell('us', ['us', 'usec', 'usecs', 'useconds', 'microsecond', 'microseconds']),
  ...spell('ms', ['ms', 'msec', 'msecs', 'mseconds', 'millisecond', 'milliseconds']),
  ...spell('second', ['s', 'sec', 'secs', 'second', 'seconds']),
  ...spell('minute', ['m', 'min', 'mins', 'minute', 'minutes']),
  ...spell('hour', ['h', 'hr', 'hrs', 'hour', 'hours']),
  ...spell('day', ['d', 'day', 'days']),
  ...spell('week', ['w', 'week', 'weeks']),
  ...spell('month', ['mon', 'mons', 'month', 'months']),
  ...spell('year', ['y', 'yr', 'yrs', 'year', 'years']),
  ...spell('decade', ['dec', 'decs', 'decade', 'decades']),
  ...spell('century', ['c', 'cent', 'century', 'centuries']),
  ...spell('millennium', ['mil', 'mils', 'millennium', 'millennia']),
}

function spell(unit: Unit, names: readonly string[]): Record<string, Unit> {
  return Object.fromEntries(names.map((name) => [name, unit]))
}

// What one field adds: months, days and microseconds are the three parts Postgres stores.
const scale: Readonly<Record<Unit, readonly [months: number, days: number, micros: number]>> = {
  us: [0, 0, 1],
  ms: [0, 0, 1e3],
  second: [0, 0, 1e6],
  minute: [0, 0, 6e7],
  hour: [0, 0, 3.6e9],
  day: [0, 1, 0],
  week: [0, 7, 0],
  month: [1, 0, 0],
  year: [12, 0, 0],
  decade: [120, 0, 0],
  century: [1200, 0, 0],
  millennium: [12000, 0, 0],
}

const allSeconds: readonly Unit[] = ['second', 'ms', 'us']
const clockFields: readonly Unit[] = ['hour', 'minute', ...allSeconds]

interface Totals {
  months: number
  days: number
  micros: number
}

const token =
  /^(?:(?<time>[+-]?\d+:\d+(?::\d+(?:\.\d+)?)?)|(?<ym>[+-]?\d+-\d+)|(?<num>[+-]?(?:\d+(?:\.\d+)?|\.\d+))|(?<word>[a-z]+))/
type Token = { readonly kind: 'time' | 'ym' | 'num' | 'word'; readonly text: string }

/** Whether Postgres (and so Steward on either dialect) reads `input` as an interval. */
export function isInterval(input: string): boolean {
  const text = input.trim()
  if (/^[+-]?infinity$/i.test(text)) return true
  const totals = text.startsWith('P') ? readIso(text) : readPostgres(text.toLowerCase())
  return totals !== undefined && inRange(totals)
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = []
  let rest = text.replace(/^@[ \t\n\r\f\v]*/, '')
  while (rest !== '') {
    const match = token.exec(rest)
    const found = match && Object.entries(match.groups ?? {}).find(([, value]) => value !== undefined)
    if (!match || !found) return undefined
    tokens.push({ kind: found[0] as Token['kind'], text: match[0] })
    rest = rest.slice(match[0].length)
    // A unit may follow its number directly (`1day`); anything else needs a separator (a comma counts).
    const glued = found[0] === 'num' && /^[a-z]/.test(rest)
    if (!glued && rest !== '' && !/^[ \t\n\r\f\v,]/.test(rest)) return undefined
    rest = rest.replace(/^[ \t\n\r\f\v,]+/, '')
  }
  return tokens
}

/** The `1 day 02:00:00`, `3 hours ago`, `1-2` forms, read right to left as Postgres does. */
function readPostgres(text: string): Totals | undefined {
  const tokens = tokenize(text)
  if (!tokens || tokens.length === 0) return undefined
  const totals: Totals = { months: 0, days: 0, micros: 0 }
  const seen = new Set<Unit>()
  const claim = (fields: readonly Unit[]) => {
    if (fields.some((field) => seen.has(field))) return false
    for (const field of fields) seen.add(field)
    return true
  }
  // The unit a bare number takes: the word to its right, or seconds at the very end (`5` is five seconds).
  let pending: Unit | 'none' | undefined
  let unitWaiting = false
  let ago = false
  for (let i = tokens.length - 1; i >= 0; i--) {
    const { kind, text: part } = tokens[i]!
    if (kind === 'word') {
      if (unitWaiting) return undefined
      if (part === 'ago' && i === tokens.length - 1) {
        ago = true
        pending = 'none'
        continue
      }
      const unit = units[part]
      if (!unit) return undefined
      pending = unit
      unitWaiting = true
      continue
    }
    if (kind === 'time') {
      if (unitWaiting || !claim(clockFields)) return undefined
      const micros = clockMicros(part)
      if (micros === undefined) return undefined
      totals.micros += micros
      pending = 'day'
      continue
    }
    unitWaiting = false
    if (kind === 'ym') {
      const [, sign, years, months] = /^([+-]?)(\d+)-(\d+)$/.exec(part)!
      if (Number(months) >= 12 || !claim(['month'])) return undefined
      totals.months += (sign === '-' ? -1 : 1) * (Number(years) * 12 + Number(months))
      pending = 'month'
      continue
    }
    const unit = pending ?? 'second'
    if (unit === 'none') return undefined
    const value = Number(part)
    if (!claim(unit === 'second' && !Number.isInteger(value) ? allSeconds : [unit])) return undefined
    const [months, days, micros] = scale[unit]
    totals.months += value * months
    totals.days += value * days
    totals.micros += value * micros
    if (unit === 'hour') pending = 'day'
  }
  if (unitWaiting || seen.size === 0) return undefined
  return ago ? { months: -totals.months, days: -totals.days, micros: -totals.micros } : totals
}

/** `HH:MM[:SS[.f]]` with any number of hours; minutes below 60, seconds up to 60 as Postgres allows. */
function clockMicros(text: string): number | undefined {
  const [, sign, hours, minutes, seconds = '0'] = /^([+-]?)(\d+):(\d+)(?::(\d+(?:\.\d+)?))?$/.exec(text)!
  if (Number(minutes) >= 60 || Math.trunc(Number(seconds)) > 60) return undefined
  const micros = Number(hours) * 3.6e9 + Number(minutes) * 6e7 + Number(seconds) * 1e6
  return sign === '-' ? -micros : micros
}

const isoNumber = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)`
const isoField = new RegExp(`^(${isoNumber})([YMWDHS])`)
const isoAlternative = /^P(\d+)-(\d+)-(\d+)(?:T(\d+):(\d+):(\d+(?:\.\d+)?))?$/

/** ISO 8601 durations: `P1Y2M3DT4H5M6S` (weeks, fractions and negative fields too) and `P0001-02-03T04:05:06`. */
function readIso(text: string): Totals | undefined {
  const alternative = isoAlternative.exec(text)
  if (alternative) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = alternative
    return { months: Number(y) * 12 + Number(mo), days: Number(d), micros: clockMicros(`${h}:${mi}:${s}`) ?? NaN }
  }
  const totals: Totals = { months: 0, days: 0, micros: 0 }
  let rest = text.slice(1)
  let timePart = false
  if (rest === '') return undefined
  while (rest !== '') {
    if (rest.startsWith('T') && !timePart) {
      timePart = true
      rest = rest.slice(1)
      continue
    }
    const match = isoField.exec(rest)
    if (!match) return undefined
    const value = Number(match[1])
    const unit = isoUnit(match[2]!, timePart)
    if (!unit) return undefined
    const [months, days, micros] = scale[unit]
    totals.months += value * months
    totals.days += value * days
    totals.micros += value * micros
    rest = rest.slice(match[0].length)
  }
  return totals
}

function isoUnit(letter: string, timePart: boolean): Unit | undefined {
  const date: Record<string, Unit> = { Y: 'year', M: 'month', W: 'week', D: 'day' }
  const time: Record<string, Unit> = { H: 'hour', M: 'minute', S: 'second' }
  return (timePart ? time : date)[letter]
}

// Postgres keeps months and days as int32 and microseconds as int64; past those it refuses the value.
const int32Max = 2 ** 31 - 1
// The sum is a double here: values within a few units of 2^63 are refused though Postgres would just take them.
const microsLimit = 2 ** 63

function inRange(totals: Totals): boolean {
  // Fractions of a month spill into days, and of a day into microseconds (30 days a month, 24 hours a day).
  const months = Math.trunc(totals.months)
  const days = totals.days + (totals.months - months) * 30
  const micros = totals.micros + (days - Math.trunc(days)) * 8.64e10
  return Math.abs(months) <= int32Max && Math.abs(Math.trunc(days)) <= int32Max && Math.abs(micros) < microsLimit
}
