import type { Context, Hono } from 'hono'
import { HistoryPage } from '../../../views/pages/history-page.js'
import { readHistory } from '../../audit/audit-history.js'
import { readRecord } from '../../records/read-record.js'
import { decodeRecordRef, isDigested, recordRefText, refSegment, rowRefText } from '../../records/record-ref.js'
import { resolveRecordRef } from '../../records/resolve-record-ref.js'
import { unscoped } from '../../records/scoped-from.js'
import type { AdminEnv } from '../admin-context.js'
import { recordTitle } from '../detail-view-model.js'
import { databaseFault, HttpError, notFound } from '../errors.js'
import { historyPageModel } from '../history-view-model.js'
import { renderPage } from '../render-page.js'
import { shortKey } from './edit-helpers.js'
import { resourceFor, tableCrumbs } from './table-route-helpers.js'
import { recordName, rowNoun } from '../record-names.js'

const historyLimit = 100

/** `GET …/row/{key}/history`: the record's audit entries, newest first; a deleted record's too. */
export function registerHistoryRoute(app: Hono<AdminEnv>): void {
  app.get('/:schema/:table/row/:key/history', async (c: Context<AdminEnv>) => {
    const admin = c.get('admin')
    const urls = c.get('urls')
    const resource = resourceFor(c, 'view')
    if (!admin.audit) throw notFound('Changes are not recorded in this admin, so there is no history to show.')
    const raw = c.req.param('key') ?? ''
    const ref = decodeRecordRef(raw)
    if (!ref) throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(raw)}".`)
    const target = await resolveRecordRef(admin.db, resource, ref, admin.dialect.name)
    const row = target ? (await readRecord(admin.db, resource, target, c.get('principal'))).row : null
    // A row that exists but lies outside the user's scope has no history for them either; a deleted row's
    // scope cannot be told, so its history shows as before.
    if (!row && target && resource.scope && (await readRecord(admin.db, unscoped(resource), target, null)).row)
      throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(raw)}".`)
    // Entries are keyed by the ref of the row as the database holds it (as its list link is); a deleted
    // row's by the ref in the URL (a digested one as it came).
    const text = row
      ? rowRefText(resource, row)
      : (target?.text ?? (ref.by === 'key' && ref.parts.some(isDigested) ? recordRefText(ref) : undefined))
    if (text === undefined) throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(raw)}".`)
    const key = refSegment(text)
    let records
    try {
      records = await readHistory(admin.db, admin.audit, resource.table, text, historyLimit)
    } catch (error) {
      const mapped = admin.dialect.mapError(error)
      if (!mapped || databaseFault(mapped)) throw error
      admin.logger.error('steward: could not read the audit log:', error)
      throw new HttpError(
        500,
        'Cannot read the history',
        'The audit log could not be read. The details are in the server log.',
      )
    }
    const title = row ? recordTitle(resource, row, target!.keyValues, admin.dialect.name) : `${shortKey(key)} (deleted)`
    const model = historyPageModel({
      resource,
      records,
      limit: historyLimit,
      detailHref: row ? urls.detail(resource.table, key) : null,
      listHref: urls.list(resource.table),
    })
    return renderPage(
      c,
      {
        title: `History of ${recordName(resource, title)}`,
        crumbs: [
          ...tableCrumbs(c, resource),
          row ? { label: title, href: urls.detail(resource.table, key) } : { label: title },
          { label: 'History' },
        ],
        current: resource.table,
      },
      <HistoryPage model={model} />,
    )
  })
}
