import type { ValueRules } from './value-rules.js'

/**
 * SQLite stores what it is given (https://www.sqlite.org/datatype3.html): integers are 64-bit whatever the
 * declared type says, dates and times are text kept as typed, and there is no boolean type.
 */
export const sqliteValueRules: ValueRules = {
  integerRanges: {},
  floatRanges: {},
  // NaN is stored as NULL; infinities are kept.
  floatNaN: false,
  decimalSpecials: false,
  booleanValues: { true: 1, false: 0 },
  uuidBits: false,
  textGrammars: {},
  jsonTextTypes: new Set(),
  temporalInfinities: false,
  // Only the ISO form sorts and compares correctly as text.
  bcDates: false,
  numericTimestamps: true,
  timeInputTypes: new Set(),
  zonedTimestampTypes: new Set(),
  moneyTypes: new Set(),
  // Text may hold any bytes; the driver replaces those that are not UTF-8 with U+FFFD when it reads them.
  lossyTextDecoding: true,
}
