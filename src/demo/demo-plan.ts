/** How many rows of each kind a build makes, and the fixed time window its dates fall in. */
export interface DemoPlan {
  readonly scale: number
  readonly staff: number
  readonly customers: number
  readonly products: number
  readonly orders: number
  /** Unix seconds of the window's first instant; every date is in [start, start + span). */
  readonly start: number
  readonly span: number
}

// A fixed end date, never "now": the same scale must always give the same database.
const windowEnd = Date.UTC(2025, 6, 1) / 1000
const windowDays = 3 * 365 + 1

/** Scale 1 is about 100k orders, 20k customers and 2k products; the tiny floors keep scale 0.01 meaningful. */
export function planDemo(scale: number): DemoPlan {
  return {
    scale,
    staff: Math.max(6, Math.round(40 * Math.sqrt(scale))),
    customers: Math.max(10, Math.round(20_000 * scale)),
    products: Math.max(10, Math.round(2_000 * scale)),
    orders: Math.max(20, Math.round(100_000 * scale)),
    start: windowEnd - windowDays * 86_400,
    span: windowDays * 86_400,
  }
}

// Sign-ups grow over time (a young, growing shop): customer i signs up at span * (i / n)^growth.
const growth = 0.7

/** Seconds after the window start at which customer `index` (0-based) signed up; increases with the index. */
export function customerSignupOffset(plan: DemoPlan, index: number): number {
  return Math.floor(plan.span * (index / plan.customers) ** (1 / growth))
}

/** How many customers had signed up by `offset` seconds into the window (always at least the first one). */
export function customersSignedUpBy(plan: DemoPlan, offset: number): number {
  let count = Math.min(plan.customers, Math.floor(plan.customers * (offset / plan.span) ** growth) + 1)
  while (count > 1 && customerSignupOffset(plan, count - 1) > offset) count--
  while (count < plan.customers && customerSignupOffset(plan, count) <= offset) count++
  return count
}

const dates = new Map<number, string>()
const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/** `YYYY-MM-DD HH:MM:SS` in UTC: the format of SQLite's own datetime(). */
export function formatTimestamp(plan: DemoPlan, offset: number): string {
  const seconds = plan.start + offset
  const dayNumber = Math.floor(seconds / 86_400)
  // Millions of timestamps share a thousand dates: format each date once.
  let date = dates.get(dayNumber)
  if (date === undefined) {
    date = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10)
    dates.set(dayNumber, date)
  }
  const time = seconds - dayNumber * 86_400
  return `${date} ${two(Math.floor(time / 3600))}:${two(Math.floor(time / 60) % 60)}:${two(time % 60)}`
}

/** Cents as the exact two-decimal number a DECIMAL(…,2) column holds. */
export function centsToDecimal(cents: number): number {
  return cents / 100
}
