import type { Context, Hono } from 'hono'
import { HistoryPage } from '../../../views/pages/history-page.js'
import { readHistory } from '../../audit/audit-history.js'
import { readRecord } from '../../records/read-record.js'
import { decodeRecordKey, encodeRecordKey, recordKeyText } from '../../records/record-key.js'
import { typedKeyValues } from '../../records/typed-key-values.js'
import type { AdminEnv } from '../admin-context.js'
import { recordTitle } from '../detail-view-model.js'
import { databaseFault, HttpError, notFound } from '../errors.js'
import { historyPageModel } from '../history-view-model.js'
import { renderPage } from '../render-page.js'
import { resourceFor, tableCrumbs } from './table-route-helpers.js'

const historyLimit = 100

/** `GET …/row/{key}/history`: the record's audit entries, newest first; a deleted record's too. */
export function registerHistoryRoute(app: Hono<AdminEnv>): void {
  app.get('/:schema/:table/row/:key/history', async (c: Context<AdminEnv>) => {
    const admin = c.get('admin')
    const urls = c.get('urls')
    const resource = resourceFor(c)
    if (!admin.audit) throw notFound('Changes are not recorded in this admin, so there is no history to show.')
    const raw = c.req.param('key') ?? ''
    const decoded = decodeRecordKey(raw)
    const keyValues = decoded && typedKeyValues(resource, resource.key.columns, decoded, admin.dialect.name)
    if (!decoded || !keyValues) throw notFound(`${resource.label} has no row with key "${raw}".`)
    const key = encodeRecordKey(decoded)
    let records
    try {
      records = await readHistory(admin.db, admin.audit, resource.table, recordKeyText(keyValues), historyLimit)
    } catch (error) {
      const mapped = admin.dialect.mapError(error)
      if (!mapped || databaseFault(mapped)) throw error
      console.error('steward: could not read the audit log:', error)
      throw new HttpError(
        500,
        'Cannot read the history',
        'The audit log could not be read. The details are in the server log.',
      )
    }
    const { row } = await readRecord(admin.db, resource, keyValues)
    const title = row ? recordTitle(resource, row, keyValues, admin.dialect.name) : `${key} (deleted)`
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
        title: `History of ${resource.label} “${title}”`,
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
