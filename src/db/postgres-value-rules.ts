import { postgresTextGrammars } from './postgres-text-types.js'
import type { TemporalType, ValueRules } from './value-rules.js'

export const postgresValueRules: ValueRules = {
  integerRanges: {
    int2: [-32768n, 32767n],
    int4: [-2147483648n, 2147483647n],
    oid: [0n, 4294967295n],
  },
  // real (float4) refuses what would overflow or underflow to zero rather than round it.
  floatRanges: { float4: { smallest: 1.401298464324817e-45, largest: 3.4028234663852886e38 } },
  floatNaN: true,
  decimalSpecials: true,
  booleanValues: { true: true, false: false },
  uuidBits: true,
  textGrammars: postgresTextGrammars,
  // jsonb stores text as Postgres text: https://www.postgresql.org/docs/current/datatype-json.html
  jsonTextTypes: new Set(['jsonb']),
  temporalInfinities: true,
  bcDates: true,
  numericTimestamps: false,
  temporalRange: {
    holds: (text, type) => (type === 'time' ? isPostgresZone(text) : inPostgresRange(text, type)),
    hints: {
      date: 'Enter a date from 4714-11-24 BC to 5874897-12-31 (there is no year 0).',
      timestamp: 'Enter a time from 4714-11-24 BC to 294276-12-31, with a zone offset within ±15:59:59.',
      time: 'Enter a zone offset within ±15:59:59.',
    },
  },
  // The server reformats these itself (seconds padded, `T` read as a space), so the browser's inputs may edit them.
  timeInputTypes: new Set(['time', 'timestamp']),
  zonedTimestampTypes: new Set(['timestamptz']),
  moneyTypes: new Set(['money']),
  lossyTextDecoding: false,
}

/**
 * Whether Postgres can hold a canonical date or timestamp (as `readDate` / `readDateTime` return it): from
 * 24 November 4714 BC (Julian day 0) to 5874897 AD for dates and 294276 AD for timestamps, no year 0, and
 * zone offsets within ±15:59:59. https://www.postgresql.org/docs/current/datatype-datetime.html
 */
function inPostgresRange(text: string, type: Exclude<TemporalType, 'time'>): boolean {
  const match = /^(\d+)-(\d{2})-(\d{2})/.exec(text)
  if (!match) return true
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const bc = text.endsWith(' BC')
  const zone = /(?:\d)([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?(?: BC)?$/.exec(text.slice(10))
  if (zone && (Number(zone[2]) > 15 || Number(zone[3] ?? 0) > 59 || Number(zone[4] ?? 0) > 59)) return false
  if (year === 0) return false
  // A zone can move the instant past either end: only the very first and last days are at risk.
  if (bc) {
    const first = year === 4714 && month === 11 && day === 24
    return year < 4714 || (year === 4714 && (month === 12 || (month === 11 && day >= 24)))
      ? !(first && zone?.[1] === '+')
      : false
  }
  if (type === 'date') return year <= 5874897
  return year < 294276 || (year === 294276 && !(month === 12 && day === 31 && zone?.[1] === '-'))
}

/** A zone offset within the ±15:59:59 Postgres keeps (time with time zone). */
function isPostgresZone(text: string): boolean {
  const zone = /([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(text)
  return !zone || (Number(zone[2]) <= 15 && Number(zone[3] ?? 0) <= 59 && Number(zone[4] ?? 0) <= 59)
}
