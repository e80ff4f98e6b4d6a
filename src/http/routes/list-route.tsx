import { longReadsOf, readsOf } from '../reads-of.js'
import type { Context, Hono } from 'hono'
import { ListPage as ListPageView } from '../../../views/pages/list-page.js'
import { defaultExportMaxRows } from '../../list/export-rows.js'
import { defaultBigTableRows } from '../../list/big-table.js'
import { createFilterChoiceCache } from '../../list/filter-choice-cache.js'
import { costlyList } from '../../list/list-cost.js'
import { loadListPage, type ListPage } from '../../list/load-list-page.js'
import { createRowEstimateCache } from '../../list/row-estimate-cache.js'
import type { AdminEnv } from '../admin-context.js'
import type { HttpError } from '../errors.js'
import { takeExpensive } from '../expensive.js'
import { listPageModel } from '../list-view-model.js'
import { offeredActions } from '../offered-actions.js'
import { renderPage } from '../render-page.js'
import { listParamsOf } from './list-params-of.js'
import {
  describeQueryFailure,
  driftBanner,
  mayFor,
  resourceFor,
  tableCrumbs,
  visibleResources,
} from './table-route-helpers.js'

export function registerListRoute(app: Hono<AdminEnv>): void {
  // One per admin instance: a foreign-key filter's drop-down may lag behind its table by up to 30 s.
  const filterChoices = createFilterChoiceCache({ ttlMs: 30_000, maxEntries: 100 })
  const estimates = createRowEstimateCache()
  const handler = async (c: Context<AdminEnv>) => {
    const admin = c.get('admin')
    const resource = resourceFor(c, 'view')
    const params = listParamsOf(c, resource)
    const visible = visibleResources(c)
    const ctx = {
      dialect: admin.dialect,
      resources: visible,
      statementTimeoutMs: admin.statementTimeoutMs,
      filterChoices,
      slowCounts: admin.slowCounts,
      user: c.get('principal'),
      bigTableRows: admin.config.search?.bigTableRows,
    }
    let page: ListPage | null = null
    let failure: HttpError | null = null
    // A search, or an unindexed sort or filter on a big table, may read the whole table: such pages are bounded in
    // number (so that plain list pages stay fast meanwhile) and read where a long statement holds up nothing else.
    // Whether the table is big (its estimate, or for a table never analysed a count capped past `bigTableRows`, see
    // `isBigTable`) is known at most a minute late; it decides a search's plan too. A search is costly whatever the
    // table's size: its permit is taken first, and the size read where the search runs.
    const searching = params.q ? await takeExpensive(admin) : null
    const size = await estimates.sizeOf(searching ? longReadsOf(c) : readsOf(c), admin.dialect, resource.table, {
      threshold: ctx.bigTableRows ?? defaultBigTableRows,
      timeoutMs: admin.statementTimeoutMs,
    })
    const costly = costlyList(resource, params, size) !== null
    const release = searching ?? (costly ? await takeExpensive(admin) : () => {})
    try {
      // With an equality filter SQLite may need telling to read in the order's index (see `scannedFilters`).
      const indexSpreads =
        !params.q && params.filters.some((filter) => filter.op === 'eq')
          ? await estimates.indexSpreadsOf(readsOf(c), admin.dialect, resource.table)
          : undefined
      const reads = costly ? longReadsOf(c) : readsOf(c)
      // The size just read serves the page's count too (its estimate): one statement fewer.
      page = await loadListPage(reads, resource, params, { ...ctx, size, ...(indexSpreads ? { indexSpreads } : {}) })
    } catch (error) {
      failure = describeQueryFailure(c, resource, error)
    } finally {
      release()
    }
    const model = listPageModel({
      resource,
      params,
      page,
      error: failure?.message ?? null,
      resources: visible,
      urls: c.get('urls'),
      dialect: admin.dialect.name,
      may: mayFor(c),
      csrfToken: c.get('csrfToken') ?? null,
      exportMaxRows: admin.config.exportMaxRows ?? defaultExportMaxRows,
      actions: offeredActions({ config: admin.config, resource, may: mayFor(c), where: 'rows' }),
      query: new URL(c.req.url).search.slice(1),
      bigTable: size.big,
      today: admin.now(),
    })
    return renderPage(
      c,
      {
        title: resource.label,
        crumbs: tableCrumbs(c, resource).slice(0, -1).concat({ label: resource.label }),
        banner: resource.drifted ? driftBanner : null,
        current: resource.table,
      },
      ListPageView({ model }),
      failure?.status ?? 200,
    )
  }
  // Both spellings: a host app created with Hono's default `strict: true` tells them apart.
  app.get('/:schema/:table/', handler)
  app.get('/:schema/:table', handler)
}
