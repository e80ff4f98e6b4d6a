import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely'

/** A row count as it can be shown: exact, an estimate (`~1.2M`), or a lower bound (`10,000+`). */
export interface RowCount {
  readonly value: number
  readonly precision: 'exact' | 'estimate' | 'at-least'
  /** When a count kept from earlier was made (ms since the epoch, see `SlowCountCache`); absent when made now. */
  readonly countedAt?: number
}

/** Above this many rows an exact count costs more than it tells: estimate or cap instead. */
export const countCap = 10_000

/**
 * Counts rows without an unbounded `count(*)` on a big table: an unfiltered table whose planner
 * estimate is above the cap shows that estimate; everything else is counted, but never past the cap.
 * `from`: the table (`tableId`), or its scoped rows (`rowSource`), which only a count can honour.
 */
export async function countRows(
  db: Kysely<any>,
  from: Expression<unknown>,
  where: RawBuilder<boolean> | null,
  estimate: number | undefined,
): Promise<RowCount> {
  if (!where && estimate !== undefined && estimate > countCap) return { value: estimate, precision: 'estimate' }
  const condition = where ? sql`where ${where}` : sql``
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from (select 1 from ${from} ${condition} limit ${countCap + 1}) capped`.execute(db)
  return cappedCount(Number(rows[0]?.n ?? 0))
}

/** What a count that stopped at `countCap + 1` rows says. */
export function cappedCount(n: number): RowCount {
  return n > countCap ? { value: countCap, precision: 'at-least' } : { value: n, precision: 'exact' }
}

/** `1,234`, `~1.2M`, `10,000+`: the same on every machine, whatever its locale. */
export function formatCount(count: RowCount): string {
  if (count.precision === 'at-least') return `${groupDigits(count.value)}+`
  if (count.precision === 'exact') return groupDigits(count.value)
  const n = count.value
  if (n >= 1e9) return `~${trim(n / 1e9)}B`
  if (n >= 1e6) return `~${trim(n / 1e6)}M`
  if (n >= 1e3) return `~${trim(n / 1e3)}k`
  return `~${n}`
}

function trim(value: number): string {
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '')
}

export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
