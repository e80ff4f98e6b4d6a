import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { ForeignKey } from '../introspect/metadata.js'
import { recordKeyText } from '../records/record-key.js'
import { rowKeyColumns } from '../records/record-ref.js'
import { isScoped, rowSource, type Reader } from '../records/scoped-from.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Resource } from '../resources/resource.js'
import type { TableSize } from './big-table.js'
import { countCap, countRows, type RowCount } from './count-rows.js'
import type { FilterChoiceCache, FilterChoices } from './filter-choice-cache.js'
import { loadComputedChoices } from './computed-choices.js'
import { loadFilterChoices, type ForeignFilter } from './filter-choices.js'
import { listWhere, referencedRows } from './filters.js'
import { keysetCondition, orderByClause } from './keyset.js'
import { loadForeignLabels, type ForeignLabel } from './foreign-labels.js'
import type { ListParams } from './list-params.js'
import { resolveOrdering, type Ordering } from './ordering.js'
import { estimateKey, loadRowEstimates } from './row-estimates.js'
import { scannedFilters } from './scanned-filters.js'
import { plannedListWhere, type SearchPlan } from './search-plan.js'
import { selectList, shownTextLength, valueOf } from './sql-identifiers.js'
import type { SlowCountCache } from './slow-count-cache.js'

export type Row = Readonly<Record<string, unknown>>

export interface ListPage {
  readonly rows: readonly Row[]
  readonly count: RowCount
  readonly ordering: Ordering
  /** Cursors (encoded) for the neighbouring pages in keyset mode; null when there is no such page. */
  readonly nextCursor: string | null
  readonly prevCursor: string | null
  /** OFFSET mode: whether a next page exists. */
  readonly hasNext: boolean
  /** Labels of the rows each shown foreign key points at, by FK name, then by encoded FK values. */
  readonly foreignLabels: ReadonlyMap<string, ReadonlyMap<string, ForeignLabel>>
  /** The filter form's foreign keys: their choices and the labels of the values filtered on. */
  readonly foreignFilters: readonly ForeignFilter[]
  /** The filter form's computed columns: their values to choose from, by name (null: too many to list). */
  readonly computedChoices: ReadonlyMap<string, FilterChoices>
  /** How the search ran: in full, or (a big table's default search) only where an index answers. */
  readonly searchPlan: SearchPlan
}

export interface ListContext {
  readonly dialect: Dialect
  readonly resources: ResourceIndex
  readonly statementTimeoutMs: number
  /** Foreign-key filter choices read recently (see `createFilterChoiceCache`). */
  readonly filterChoices?: FilterChoiceCache
  /** Who reads: the row scopes of the list's table and of the tables it labels are applied for them. */
  readonly user: Reader
  /** Above this many rows a table's default search keeps to its indexes (config `search.bigTableRows`). */
  readonly bigTableRows?: number | undefined
  /**
   * The table's estimate and bigness when the caller has them already (see `RowEstimateCache.sizeOf`), so that the
   * page does not read them again. Without them the page reads the estimate itself, and a search its size.
   */
  readonly size?: TableSize
  /** Rows per value of the table's analysed indexes, by index name (see `scannedFilters`); none: no such choice. */
  readonly indexSpreads?: ReadonlyMap<string, number>
  /** Whole-table counts that were slow to make (the index's too): an unfiltered list without an estimate shares them. */
  readonly slowCounts?: SlowCountCache
}

/**
 * Loads one page of a list: the rows, a count that is cheap on big tables, the labels of the rows its
 * foreign keys point at, and the filter form's foreign-key choices. A fixed number of queries whatever the
 * page size (count, rows, one per FK), all in one transaction under the statement timeout.
 */
export async function loadListPage(
  db: Kysely<any>,
  resource: Resource,
  params: ListParams,
  ctx: ListContext,
): Promise<ListPage> {
  const ordering = resolveOrdering(resource, params.sort)
  const whereContext = {
    dialect: ctx.dialect.name,
    capabilities: ctx.dialect.capabilities,
    referencedRows: referencedRows(db, ctx.resources, ctx.user),
  }
  const shownFks = foreignKeysShown(resource, ctx.resources)
  // Columns whose values do more than show: they name the row, order the page or look up a label.
  const used = new Set([
    ...rowKeyColumns(resource),
    ...ordering.terms.map((term) => term.column),
    ...shownFks.flatMap(({ fk }) => fk.columns),
  ])
  const columns = new Set([...resource.listColumns, ...used])
  // A text column the page only shows is read as far as a cell and its title show it: a 20 MB text in a list
  // was read, copied and collected whole on every page.
  const shortened = new Map<string, RawBuilder<unknown>>()
  for (const name of resource.listColumns) {
    const column = used.has(name) ? undefined : resource.table.columns.find((candidate) => candidate.name === name)
    const cut = column && ctx.dialect.textPrefix(column, shownTextLength)
    if (cut) shortened.set(name, cut)
  }
  const from = rowSource(db, resource, ctx.user)
  return ctx.dialect.withStatementTimeout(db, ctx.statementTimeoutMs, async (trx) => {
    const { where, plan: searchPlan } = await plannedListWhere(trx, resource, params, {
      dialect: ctx.dialect,
      where: whereContext,
      bigTableRows: ctx.bigTableRows,
      big: ctx.size?.big,
    })
    const backwards = params.before !== null
    const cursor = params.after ?? params.before
    // A numbered page in keyset mode (a typed-in `page=`) still works, at OFFSET's cost; its links then use cursors.
    const offset = cursor ? 0 : (params.page - 1) * params.size
    // The rows read in the ordering's index where a filter's value is common (see `scannedFilters`); counts still
    // find the value through its own index, and the count that decided is the page's count when it can be.
    const inOrder =
      !params.q && ctx.indexSpreads && ctx.dialect.capabilities.indexAvoidingPrefix
        ? await scannedFilters(trx, from, resource, params.filters, ordering, {
            rows: ctx.size?.estimate,
            limit: params.size + 1 + offset,
            spreads: ctx.indexSpreads,
            where: whereContext,
          })
        : null
    const scanned = inOrder?.scanned ?? new Set<string>()
    const rowsWhere = scanned.size > 0 ? listWhere(resource, params, { ...whereContext, scanned }) : where
    const conditions: RawBuilder<unknown>[] = rowsWhere ? [rowsWhere] : []
    if (ordering.keyset && cursor) conditions.push(keysetCondition(ordering, cursor, backwards))
    const orderBy = orderByClause(ordering, backwards)
    const { rows: fetched } = await sql<Record<string, unknown>>`
      select ${selectList(resource, columns, shortened)} from ${from}
      ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
      ${ordering.terms.length ? sql`order by ${orderBy}` : sql``} limit ${params.size + 1} offset ${offset}`.execute(
      trx,
    )
    const more = fetched.length > params.size
    // A page read from the start that holds every remaining row already says how many there are: no
    // second scan (which, for a search matching few rows of a big table, would cost as much again).
    const count: RowCount =
      inOrder?.count ??
      (!cursor && !more && (fetched.length > 0 || offset === 0)
        ? { value: offset + fetched.length, precision: 'exact' }
        : // The catalog's estimate is of the whole table: a scoped one is counted (capped) instead.
          where || isScoped(resource)
          ? await countRows(trx, from, where, undefined)
          : await wholeCount(
              trx,
              resource,
              ctx.size ? ctx.size.estimate : await estimateOf(trx, ctx.dialect, resource),
              {
                from,
                slowCounts: ctx.slowCounts,
              },
            ))
    const rows = fetched.slice(0, params.size)
    if (backwards) rows.reverse()
    const positionOf = (row: Row | undefined) =>
      row ? recordKeyText(ordering.terms.map((term) => valueOf(resource, row, term.column))) : null
    const nextCursor = ordering.keyset && (backwards || more) ? positionOf(rows.at(-1)) : null
    const prevCursor =
      ordering.keyset && (backwards ? more : cursor !== null || params.page > 1) ? positionOf(rows[0]) : null
    const foreignLabels = new Map<string, ReadonlyMap<string, ForeignLabel>>()
    for (const { fk, target } of shownFks) {
      const tuples = rows.map((row) => fk.columns.map((name) => row[name]))
      foreignLabels.set(
        fk.name,
        await loadForeignLabels(trx, target, fk, tuples, { dialect: ctx.dialect.name, user: ctx.user }),
      )
    }
    const foreignFilters = await loadFilterChoices(trx, {
      resource,
      params,
      resources: ctx.resources,
      dialect: ctx.dialect,
      user: ctx.user,
      known: foreignLabels,
      ...(ctx.filterChoices ? { cache: ctx.filterChoices } : {}),
    })
    const computedChoices = await loadComputedChoices(trx, resource, { user: ctx.user, cache: ctx.filterChoices })
    return {
      rows,
      count,
      ordering,
      nextCursor,
      prevCursor,
      hasNext: more,
      foreignLabels,
      foreignFilters,
      computedChoices,
      searchPlan,
    }
  })
}

/**
 * An unfiltered, unscoped list's count: the estimate when there is one past the cap, else a capped count, which when
 * it was slow (a view that aggregates) is kept, and shared with the index (see `SlowCountCache`).
 */
async function wholeCount(
  db: Kysely<any>,
  resource: Resource,
  estimate: number | undefined,
  options: { readonly from: Expression<unknown>; readonly slowCounts: SlowCountCache | undefined },
): Promise<RowCount> {
  const { slowCounts } = options
  const counting = async () => [await countRows(db, options.from, null, estimate)]
  if (!slowCounts || (estimate !== undefined && estimate > countCap)) return (await counting())[0]!
  const key = estimateKey(resource.table.schema, resource.table.name)
  return slowCounts.get(key) ?? (await slowCounts.count([key], counting))[0]!
}

async function estimateOf(db: Kysely<any>, dialect: Dialect, resource: Resource): Promise<number | undefined> {
  const estimates = await loadRowEstimates(db, dialect, resource.table)
  return estimates.get(estimateKey(resource.table.schema, resource.table.name))
}

/** Foreign keys whose columns appear in the list and whose target is browsable: their labels are loaded. */
export function foreignKeysShown(
  resource: Resource,
  resources: ResourceIndex,
): { readonly fk: ForeignKey; readonly target: Resource }[] {
  const listed = new Set(resource.listColumns)
  return resource.table.foreignKeys.flatMap((fk) => {
    const target = resources.get(fk.refSchema, fk.refTable)
    return target && fk.columns.some((name) => listed.has(name)) ? [{ fk, target }] : []
  })
}
