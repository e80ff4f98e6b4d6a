/** A named day range the filter panel offers for a date or timestamp column: first and last day included. */
export interface DatePreset {
  readonly label: string
  /** `yyyy-mm-dd`, as the range filter's `f.<col>.gte` / `f.<col>.lte` take them; null for "Any date". */
  readonly from: string | null
  readonly to: string | null
}

const utcDay = (year: number, month: number, date: number) =>
  new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10)

/**
 * "Today", "Past 7 days" (today and the six days before), "This month", "Last month" (whole calendar months)
 * and "Any date", as days of the server's calendar in UTC: the zone audit entries and `timestamptz` values are
 * compared in, whatever zone the viewer is in.
 */
export function datePresets(now: number): readonly DatePreset[] {
  // The same all day: a list with two date filters asks for them twice a page.
  const day = Math.floor(now / 86_400_000)
  if (last?.day !== day) last = { day, presets: presetsOf(now) }
  return last.presets
}

let last: { readonly day: number; readonly presets: readonly DatePreset[] } | undefined

function presetsOf(now: number): readonly DatePreset[] {
  const at = new Date(now)
  const [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()]
  const today = utcDay(y, m, d)
  return [
    { label: 'Today', from: today, to: today },
    { label: 'Past 7 days', from: utcDay(y, m, d - 6), to: today },
    // Day 0 of the next month is this month's last day.
    { label: 'This month', from: utcDay(y, m, 1), to: utcDay(y, m + 1, 0) },
    { label: 'Last month', from: utcDay(y, m - 1, 1), to: utcDay(y, m, 0) },
    { label: 'Any date', from: null, to: null },
  ]
}
