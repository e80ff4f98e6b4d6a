import { sql, type Kysely } from 'kysely'
import type { Resource } from '../resources/resource.js'
import { tableId } from './sql-identifiers.js'

/** Above this many estimated rows a table is searched only where an index answers (equality, prefix); config `search.bigTableRows`. */
export const defaultBigTableRows = 100_000

/**
 * Whether a table holds more than `threshold` rows: by the planner's estimate, or, for a table never analysed,
 * by counting, but never past the threshold.
 */
export async function isBigTable(
  db: Kysely<any>,
  resource: Resource,
  options: { readonly estimate: number | undefined; readonly threshold: number },
): Promise<boolean> {
  if (options.estimate !== undefined) return options.estimate > options.threshold
  return (await countUpTo(db, resource, options.threshold + 1)) > options.threshold
}

/** The table's rows, counted up to `cap` (its own rows, not a scope's: this measures what a scan would read). */
async function countUpTo(db: Kysely<any>, resource: Resource, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from (select 1 from ${tableId(resource.table)} limit ${cap}) capped`.execute(db)
  return Number(rows[0]?.n ?? 0)
}
