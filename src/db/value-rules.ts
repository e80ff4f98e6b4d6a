import type { ParseResult } from '../kinds/kind.js'

/**
 * What an engine accepts and stores for each kind of value, as data: the kinds read a form field by these
 * rules instead of asking which engine it is. Type names are `Column.baseType`s.
 */
export interface ValueRules {
  /** Integer ranges by type; any other integer type holds a signed 64-bit value. */
  readonly integerRanges: Readonly<Record<string, readonly [bigint, bigint]>>
  /** Float types that hold less than a double: a nonzero value must lie within ±[smallest, largest]. */
  readonly floatRanges: Readonly<Record<string, { readonly smallest: number; readonly largest: number }>>
  /** Whether a float column can store NaN. */
  readonly floatNaN: boolean
  /** Whether `NaN`, `Infinity` and `-Infinity` are decimals (an infinity only without a precision). */
  readonly decimalSpecials: boolean
  /** What a boolean is written as. */
  readonly booleanValues: { readonly true: boolean | number; readonly false: boolean | number }
  /** Whether a UUID is stored as its 128 bits, so its canonical spelling is written rather than the text typed. */
  readonly uuidBits: boolean
  /** Types edited as text whose input syntax the server parses: each grammar reads it first. */
  readonly textGrammars: Readonly<Record<string, (text: string) => ParseResult>>
  /** JSON types whose strings are stored as the engine's text, so they cannot hold `\u0000` or a lone surrogate. */
  readonly jsonTextTypes: ReadonlySet<string>
  /** Whether `infinity` and `-infinity` are dates and timestamps. */
  readonly temporalInfinities: boolean
  /** Whether a date may be BC. */
  readonly bcDates: boolean
  /** Whether a bare number is a timestamp (unix time or a Julian day). */
  readonly numericTimestamps: boolean
  /** The range of dates, timestamps and zone offsets the engine holds; undefined when it keeps any well-formed text. */
  readonly temporalRange?: TemporalRange
  /**
   * Time and timestamp types without a zone that the engine reformats on its own, so a browser's time and
   * datetime-local inputs can edit them; elsewhere the exact text is edited as typed.
   */
  readonly timeInputTypes: ReadonlySet<string>
  /** Types of amounts of money whose text carries the server's currency (`$1,503.50`). */
  readonly moneyTypes: ReadonlySet<string>
  /** Timestamp types with a zone, whose example value shows one. */
  readonly zonedTimestampTypes: ReadonlySet<string>
  /** Whether U+FFFD in text read back may stand for bytes that were not UTF-8 (the driver replaced them). */
  readonly lossyTextDecoding: boolean
}

export type TemporalType = 'date' | 'timestamp' | 'time'

export interface TemporalRange {
  /** Whether a canonical value (as `readDate`, `readDateTime` or `readTime` return it) is within range. */
  holds(text: string, type: TemporalType): boolean
  /** What to ask the user for instead, by type. */
  readonly hints: Readonly<Record<TemporalType, string>>
}
