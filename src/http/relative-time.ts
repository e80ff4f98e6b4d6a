const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]
// Made on first use: an `Intl` formatter reads ICU's locale data, megabytes of a process that has shown no time yet.
let phrasing: Intl.RelativeTimeFormat | undefined
// `Intl` formatting is the costly part, and a page repeats few phrases ("3 days ago"): each is made once.
const phrases = new Map<string, string>()
const maxPhrases = 5000

function phrase(amount: number, unit: Intl.RelativeTimeFormatUnit): string {
  const key = `${amount} ${unit}`
  let text = phrases.get(key)
  if (text === undefined) {
    text = (phrasing ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' })).format(amount, unit)
    if (phrases.size < maxPhrases) phrases.set(key, text)
  }
  return text
}

/**
 * `3 days ago`, `in 2 hours`: how far a `<time datetime>` value is from `now`, in its largest whole unit.
 * A time without a zone is read as UTC (it can be off by the hours of a zone nobody stored).
 */
export function relativeTime(datetime: string, now: number): string | undefined {
  const at = instantOf(datetime)
  if (Number.isNaN(at)) return undefined
  const seconds = Math.round((at - now) / 1000)
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return phrase(Math.trunc(seconds / size), unit)
  }
  return undefined
}

/**
 * The milliseconds of a `<time datetime>` value, read as UTC. The usual shape (`2024-01-31T14:05:00`, a fraction
 * and a `Z` after it) is read by position: a list has a time in every row, and `Date.parse` was most of the cost
 * of its title. Anything else, and years before 100 (which `Date.UTC` moves to the 1900s), goes to `Date.parse`.
 */
export function instantOf(datetime: string): number {
  if (datetime.length >= 19 && datetime[4] === '-' && datetime[7] === '-' && datetime[10] === 'T') {
    const year = Number(datetime.slice(0, 4))
    const fields = [5, 8, 11, 14, 17].map((at) => Number(datetime.slice(at, at + 2)))
    const rest = datetime.slice(19)
    const [month, day, hour, minute, second] = fields as [number, number, number, number, number]
    const shaped = datetime[13] === ':' && datetime[16] === ':' && /^(\.\d+)?[zZ]?$/.test(rest)
    if (
      shaped &&
      year >= 100 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour < 24 &&
      minute < 60 &&
      second < 60
    ) {
      const millis = rest[0] === '.' ? Number(rest.slice(1, 4).replace(/[zZ]$/, '').padEnd(3, '0')) : 0
      return Date.UTC(year, month - 1, day, hour, minute, second) + millis
    }
  }
  return Date.parse(/[zZ]$/.test(datetime) ? datetime : `${datetime}Z`)
}
