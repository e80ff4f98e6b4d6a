/** The locale numbers and dates are shown in when the config names none. */
export const defaultLocale = 'en-US'

const plainDecimal = /^[+-]?\d+(?:\.(\d+))?$/
// Intl.NumberFormat takes at most 20 fraction digits (ECMA-402); a longer fraction is shown as stored.
const maxFractionDigits = 20
const formatters = new Map<string, Intl.NumberFormat>()

export interface NumberDisplayOptions {
  readonly locale?: string | undefined
  /** An ISO 4217 code: the amount is shown with its currency. */
  readonly currency?: string | undefined
  /** The column's declared scale: at least that many fraction digits are shown. */
  readonly scale?: number | null | undefined
}

/**
 * A decimal's text with the locale's separators (`1503.5` at scale 2 reads `1,503.50`), or undefined when
 * it cannot be shown exactly (NaN, an exponent, over 20 fraction digits): the caller shows it as stored.
 * Intl formats the decimal string itself, never a float, and never shows fewer digits than are stored.
 */
export function formatDecimalText(text: string, options: NumberDisplayOptions): string | undefined {
  const match = plainDecimal.exec(text)
  if (!match) return undefined
  const stored = match[1]?.length ?? 0
  // Every stored digit stays, trailing zeros too (`12.3400` is what the database holds).
  const digits = Math.max(stored, options.scale ?? (options.currency ? currencyDigits(options) : 0))
  if (digits > maxFractionDigits) return undefined
  if ((options.locale ?? defaultLocale) === defaultLocale && !options.currency) return groupedUs(text, digits)
  // A string argument is an exact decimal to Intl (NumberFormat v3), whatever its length.
  return formatterFor(options, digits).format(text as unknown as number)
}

/**
 * What en-US `Intl.NumberFormat` with `digits` fraction digits writes for a plain decimal that has at most
 * that many (so nothing rounds): the list's most common number, made without Intl's cost per cell.
 */
function groupedUs(text: string, digits: number): string {
  const sign = text[0] === '-' ? '-' : ''
  const unsigned = text[0] === '-' || text[0] === '+' ? text.slice(1) : text
  const point = unsigned.indexOf('.')
  const whole = (point < 0 ? unsigned : unsigned.slice(0, point)).replace(/^0+(?=\d)/, '')
  const fraction = point < 0 ? '' : unsigned.slice(point + 1)
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole
  return digits === 0 ? `${sign}${grouped}` : `${sign}${grouped}.${fraction.padEnd(digits, '0')}`
}

/** The digits a currency is usually shown with (2 for EUR, 0 for JPY), for a column without a scale. */
function currencyDigits(options: NumberDisplayOptions): number {
  return (
    cached(
      `${options.locale ?? defaultLocale}|${options.currency}|default`,
      () => new Intl.NumberFormat(options.locale ?? defaultLocale, { style: 'currency', currency: options.currency! }),
    ).resolvedOptions().maximumFractionDigits ?? 0
  )
}

function formatterFor(options: NumberDisplayOptions, digits: number): Intl.NumberFormat {
  const locale = options.locale ?? defaultLocale
  return cached(
    `${locale}|${options.currency ?? ''}|${digits}`,
    () =>
      new Intl.NumberFormat(locale, {
        ...(options.currency ? { style: 'currency', currency: options.currency } : {}),
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  )
}

function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = make()
    formatters.set(key, formatter)
  }
  return formatter
}
