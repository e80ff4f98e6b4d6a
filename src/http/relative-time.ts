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
  const at = Date.parse(/[zZ]$/.test(datetime) ? datetime : `${datetime}Z`)
  if (Number.isNaN(at)) return undefined
  const seconds = Math.round((at - now) / 1000)
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return phrase(Math.trunc(seconds / size), unit)
  }
  return undefined
}
