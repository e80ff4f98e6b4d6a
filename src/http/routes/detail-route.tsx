import { readsOf } from '../reads-of.js'
import type { Context, Hono } from 'hono'
import type { Kysely } from 'kysely'
import { DetailPage } from '../../../views/pages/detail-page.js'
import { loadForeignLabels, type ForeignLabel } from '../../list/foreign-labels.js'
import type { Row } from '../../list/load-list-page.js'
import { loadNeighbourRows } from '../../list/neighbour-rows.js'
import { rowLinkText } from '../../records/row-link.js'
import { readComputed } from '../../records/read-computed.js'
import { readRecord } from '../../records/read-record.js'
import { refSegment } from '../../records/record-ref.js'
import { loadRelatedRows } from '../../records/related-rows.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { detailPageModel, recordTitle, type RecordContext } from '../detail-view-model.js'
import { notFound } from '../errors.js'
import { offeredActions } from '../offered-actions.js'
import { relatedPanels } from '../related-panels.js'
import { renderPage } from '../render-page.js'
import { shortKey } from './edit-helpers.js'
import { backSuffix, listBackOf } from './list-params-of.js'
import {
  describeQueryFailure,
  driftBanner,
  mayFor,
  recordTargetOf,
  resourceFor,
  tableCrumbs,
  visibleResources,
} from './table-route-helpers.js'
import { recordHeading, rowNoun } from '../record-names.js'

export function registerDetailRoute(app: Hono<AdminEnv>): void {
  app.get('/:schema/:table/row/:key', async (c: Context<AdminEnv>) => {
    const admin = c.get('admin')
    const resource = resourceFor(c, 'view')
    const visible = visibleResources(c)
    const user = c.get('principal')
    const keyText = c.req.param('key') ?? ''
    const missing = () => notFound(`There is no ${rowNoun(resource)} with key "${shortKey(keyText)}".`)
    const target = await recordTargetOf(c, resource, keyText)
    if (!target) throw missing()
    const { dialect, statementTimeoutMs, logger } = admin
    // The record, its related rows and its neighbours: one transaction while no read fails (see readSession).
    const { loaded, related, context } = await dialect.readSession(readsOf(c), async (reads) => {
      const loaded = await dialect
        .withStatementTimeout(reads, statementTimeoutMs, async (trx) => {
          const record = await readRecord(trx, resource, target, user)
          if (!record.row) return { record, outgoing: new Map(), computed: {} }
          const outgoing = new Map<string, { target: Resource; label: ForeignLabel | undefined }>()
          for (const fk of resource.table.foreignKeys) {
            const target = visible.get(fk.refSchema, fk.refTable)
            if (!target) continue
            const values = fk.columns.map((name) => record.row![name])
            const labels = await loadForeignLabels(trx, target, fk, [values], { dialect: dialect.name, user })
            outgoing.set(fk.name, { target, label: [...labels.values()][0] })
          }
          return { record, outgoing, computed: await readComputed(trx, resource, target, user) }
        })
        .catch((error: unknown) => {
          throw describeQueryFailure(c, resource, error)
        })
      const { row } = loaded.record
      if (!row) throw missing()
      const related = await loadRelatedRows(reads, {
        resource,
        row,
        resources: visible,
        dialect,
        statementTimeoutMs,
        logger,
        user,
      })
      // The computed values too: a list sorted by one finds this row's neighbours by it.
      const context = await recordContext(c, reads, resource, { ...row, ...loaded.computed })
      return { loaded, related, context }
    })
    const { row, duplicated } = loaded.record
    if (!row) throw missing()
    const urls = c.get('urls')
    const key = refSegment(target.text)
    const title = recordTitle(resource, row, target.keyValues, admin.dialect.name)
    const model = detailPageModel({
      resource,
      row,
      duplicated,
      key,
      outgoing: loaded.outgoing,
      computed: loaded.computed,
      related: relatedPanels({ resource, related, urls, dialect: dialect.name, may: mayFor(c) }),
      urls,
      dialect: admin.dialect.name,
      may: mayFor(c),
      audited: admin.audit !== null,
      context,
      actions: offeredActions({ config: admin.config, resource, may: mayFor(c), where: 'row' }),
      csrfToken: c.get('csrfToken') ?? null,
    })
    return renderPage(
      c,
      {
        title: recordHeading(resource, title),
        crumbs: [...tableCrumbs(c, resource), { label: title }],
        banner: resource.drifted ? driftBanner : null,
        current: resource.table,
      },
      <DetailPage model={model} />,
    )
  })
}

/**
 * The list this page was opened from (`back`, else the plain list) and the rows before and after this one in it.
 * The neighbours are a convenience: when they cannot be read (a slow filter, a broken scope) the page still shows.
 */
async function recordContext(
  c: Context<AdminEnv>,
  reads: Kysely<any>,
  resource: Resource,
  row: Row,
): Promise<RecordContext> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const back = listBackOf(c, resource)
  const suffix = backSuffix(back)
  const params = back?.params ?? { q: '', searchAll: false, filters: [], sort: null }
  const neighbours = await admin.dialect
    .withStatementTimeout(reads, admin.statementTimeoutMs, (trx) =>
      loadNeighbourRows(trx, resource, {
        params,
        row,
        dialect: admin.dialect,
        user: c.get('principal'),
        bigTableRows: admin.config.search?.bigTableRows,
      }),
    )
    .catch((error: unknown) => {
      if (!admin.dialect.mapError(error)) throw error
      admin.logger.error(`steward: reading the rows around a row of ${resource.id} failed:`, error)
      return { prev: null, next: null }
    })
  const hrefOf = (neighbour: Row | null) => {
    const ref = neighbour && rowLinkText(resource, neighbour, admin.dialect.name)
    return ref ? `${urls.detail(resource.table, refSegment(ref))}${suffix}` : null
  }
  return {
    listHref: urls.list(resource.table, back?.query ?? []),
    suffix,
    prevHref: hrefOf(neighbours.prev),
    nextHref: hrefOf(neighbours.next),
  }
}
