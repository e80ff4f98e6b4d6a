import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Column } from '../introspect/metadata.js'
import type { Resource } from '../resources/resource.js'
import { defaultBigTableRows, tableSize } from './big-table.js'
import { exactColumnNames, exactCondition } from './exact-condition.js'
import { listWhere, searchCondition, type WhereContext } from './filters.js'
import type { ListParams } from './list-params.js'
import { substringKey } from './index-advice.js'
import { prefixColumns, prefixCondition } from './prefix-condition.js'

/**
 * How a list's search runs: `full` matches every word anywhere in every search field (Django's semantics); `indexed`
 * keeps a big table's default search to what an index answers, naming the columns so the page can say so.
 */
export type SearchPlan =
  | { readonly kind: 'full' }
  | {
      readonly kind: 'indexed'
      /** Compared whole to the term (the key, unique columns), besides those matched below. */
      readonly exact: readonly string[]
      /** Matched by the term's start, through a btree index. */
      readonly prefix: readonly string[]
      /** Matched anywhere, through a trigram index (every word, as the full search). */
      readonly anywhere: readonly string[]
    }

export interface PlanSearchOptions {
  readonly dialect: Dialect
  /** The user asked for every column (`search=all`). */
  readonly searchAll: boolean
  /** See `defaultBigTableRows`. */
  readonly bigTableRows?: number | undefined
  /**
   * Whether the table is big, when the caller knows it already (see `RowEstimateCache.sizeOf`); without it the plan
   * asks `tableSize` itself (a catalog statement, and a capped count of a table never analysed).
   */
  readonly big?: boolean | undefined
}

/**
 * Above this average width (bytes, as the engine measured it) or declared length, a text column holds prose
 * (descriptions, notes, bodies): a big table's default search does not look in it.
 */
const proseWidth = 100
const proseLength = 255

const full: SearchPlan = { kind: 'full' }

/**
 * Decides how a list's search runs. Configured search fields, a small table, a view, or `search=all` search every
 * field in full. A big table's default fields (every text column) are searched only where an index answers: its key and
 * unique columns by equality, short indexed text columns by prefix, columns with a trigram index anywhere.
 * @example await planSearch(trx, resource, { dialect, searchAll: false, bigTableRows: 100_000 })
 */
export async function planSearch(db: Kysely<any>, resource: Resource, options: PlanSearchOptions): Promise<SearchPlan> {
  if (!resource.searchDefaulted || options.searchAll || resource.searchFields.length === 0) return full
  // A view's cost cannot be told from its size, and counting its rows could cost what the search would.
  if (resource.table.type === 'view') return full
  const { dialect } = options
  const threshold = options.bigTableRows ?? defaultBigTableRows
  const big = options.big ?? (await tableSize(db, dialect, resource.table, { threshold })).big
  if (!big) return full
  const kinds = await dialect.indexAdvisor.readIndexKinds(db, resource.table)
  const widths = await dialect.readColumnWidths(db, resource.table)
  const fields = resource.columns.filter((column) => resource.searchFields.includes(column.name))
  const anywhere = fields.filter((column) => kinds.substring.has(substringKey(resource.table, column)))
  const prefix = prefixColumns(
    resource,
    fields.filter((column) => !anywhere.includes(column) && !isProse(column, widths)).map((column) => column.name),
  )
  const matched = new Set([...anywhere, ...prefix].map((column) => column.name))
  return {
    kind: 'indexed',
    exact: exactColumnNames(resource).filter((name) => !matched.has(name)),
    prefix: prefix.map((column) => column.name),
    anywhere: anywhere.map((column) => column.name),
  }
}

function isProse(column: Column, widths: ReadonlyMap<string, number>): boolean {
  const width = widths.get(column.name)
  if (width !== undefined) return width > proseWidth
  return column.length !== null && column.length > proseLength
}

/**
 * The condition of an `indexed` plan: the whole term equal to the key or a unique column, or at the start of a
 * prefix column, or every word anywhere in the trigram-indexed columns. Finds nothing when no column qualifies.
 */
export function indexedSearchCondition(
  resource: Resource,
  q: string,
  plan: Extract<SearchPlan, { kind: 'indexed' }>,
  ctx: WhereContext,
): RawBuilder<boolean> {
  const byName = (names: readonly string[]) => resource.columns.filter((column) => names.includes(column.name))
  const parts = [
    exactCondition(resource, q, { name: ctx.dialect }),
    prefixCondition(resource, q, byName(plan.prefix)),
    plan.anywhere.length > 0
      ? searchCondition({ ...resource, searchFields: plan.anywhere, searchPaths: [] }, q, ctx)
      : null,
  ].flatMap((part) => part ?? [])
  return parts.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`(${sql.join(parts, sql` or `)})`
}

/**
 * A list's WHERE (search and filters) with its search run as `planSearch` decides, and the plan, so that the list
 * page, its CSV export and the neighbours of its rows all read the same rows. Catalog reads only when searching.
 */
export async function plannedListWhere(
  db: Kysely<any>,
  resource: Resource,
  params: Pick<ListParams, 'q' | 'filters' | 'searchAll'>,
  options: Omit<PlanSearchOptions, 'searchAll'> & { readonly where: WhereContext },
): Promise<{ readonly where: RawBuilder<boolean> | null; readonly plan: SearchPlan }> {
  const { dialect, where: ctx, bigTableRows, big } = options
  const plan = params.q
    ? await planSearch(db, resource, { dialect, searchAll: params.searchAll, bigTableRows, big })
    : full
  const where =
    plan.kind === 'indexed'
      ? listWhere(resource, params, ctx, indexedSearchCondition(resource, params.q, plan, ctx))
      : listWhere(resource, params, ctx)
  return { where, plan }
}
