import type { Context } from 'hono'
import { DeletePage } from '../../../views/pages/delete-page.js'
import type { DeletePageModel } from '../../../views/pages/edit-page-models.js'
import { parseReason, reasonFieldModel, type ParsedReason } from '../../forms/change-reason.js'
import { formBody, type FormBody } from '../../forms/form-body.js'
import { previewDelete, type DeleteEffect, type DeletePreview } from '../../records/delete-preview.js'
import { deleteRecords } from '../../records/delete-records.js'
import { readRecord } from '../../records/read-record.js'
import { scopedRows, unscoped } from '../../records/scoped-from.js'
import { refSegment } from '../../records/record-ref.js'
import { notDeletedMessage, writeMessages } from '../../records/write-messages.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { recordTitle } from '../detail-view-model.js'
import { databaseFault, HttpError, notFound } from '../errors.js'
import { readFormData } from '../form-request.js'
import { setFlash } from '../middleware/flash.js'
import { renderPage } from '../render-page.js'
import {
  auditRecorder,
  csrfPair,
  reasonRuleOf,
  recordKeyOf,
  refusalMessage,
  shortKey,
  writableResource,
  writeHooks,
  type RecordKey,
} from './edit-helpers.js'
import type { ListBack } from '../../list/list-back.js'
import { backSuffix, listBackOf } from './list-params-of.js'
import { recordTargetOf, tableCrumbs, visibleResources } from './table-route-helpers.js'
import { deleteEffectModel } from '../delete-effects.js'
import { recordName, rowCount, rowNoun } from '../record-names.js'
import { atStart } from '../../resources/table-names.js'
import type { Row } from '../../list/load-list-page.js'

const maxBulk = 500
const shownRecords = 20

interface Target {
  readonly keys: readonly RecordKey[]
  readonly bulk: boolean
  /** The list the delete was asked from: where it goes back to (see `listBackOf`). */
  readonly back: ListBack | null
}

/** `GET …/row/{key}/delete`: the preview, with the confirm button (disabled when something blocks it). */
export async function showDelete(c: Context<AdminEnv>): Promise<Response> {
  const resource = writableResource(c, 'delete')
  const key = await recordKeyOf(c, resource)
  return renderDelete(c, resource, { keys: [key], bulk: false, back: listBackOf(c, resource) })
}

/** `POST …/row/{key}/delete`: deletes the row in one transaction and goes back to the list. */
export async function postDelete(c: Context<AdminEnv>, secret: string): Promise<Response> {
  const resource = writableResource(c, 'delete')
  const key = await recordKeyOf(c, resource)
  const body = formBody(await readFormData(c))
  return runDelete(c, secret, resource, { keys: [key], bulk: false, back: listBackOf(c, resource) }, body)
}

/**
 * `POST {table}/delete` from a list page's selection (`key` repeated). Without `confirm` it shows the
 * preview of the whole selection; with it, deletes them all in one transaction.
 */
export async function postBulkDelete(c: Context<AdminEnv>, secret: string): Promise<Response> {
  const resource = writableResource(c, 'delete')
  const body = formBody(await readFormData(c))
  const dialect = c.get('admin').dialect.name
  const back = listBackOf(c, resource, body.value('back'))
  const texts = [...new Set(body.all('key'))]
  if (texts.length === 0) {
    setFlash(c, secret, { kind: 'info', message: 'No rows were selected.' })
    return c.redirect(c.get('urls').list(resource.table, back?.query ?? []), 303)
  }
  if (texts.length > maxBulk) throw new HttpError(400, 'Too many rows', `Select at most ${maxBulk} rows at a time.`)
  const keys: RecordKey[] = []
  for (const text of texts) {
    const target = await recordTargetOf(c, resource, text)
    if (!target)
      throw new HttpError(400, 'Bad selection', `“${shortKey(text)}” is not the key of any ${rowNoun(resource)}.`)
    keys.push({ text: refSegment(target.text), target })
  }
  if (body.value('confirm') !== '1') return renderDelete(c, resource, { keys, bulk: true, back })
  return runDelete(c, secret, resource, { keys, bulk: true, back }, body)
}

async function runDelete(
  c: Context<AdminEnv>,
  secret: string,
  resource: Resource,
  target: Target,
  body: FormBody,
): Promise<Response> {
  const admin = c.get('admin')
  const reason = parseReason(body, reasonRuleOf(c, resource))
  if (!reason.ok) return renderDelete(c, resource, target, null, reason)
  const result = await deleteRecords(
    admin.db,
    admin.dialect,
    resource,
    target.keys.map((key) => key.target),
    await auditRecorder(c, reason.reason),
    { resources: admin.resources.all, user: c.get('principal'), hooks: writeHooks(c, resource) },
  )
  if (result.status === 'error') {
    const fault = databaseFault(result.error)
    if (fault) throw fault
  }
  if (result.status === 'refused') return renderDelete(c, resource, target, refusalMessage(c, result), reason)
  if (result.status !== 'deleted') return renderDelete(c, resource, target, notDeletedMessage(result), reason)
  // One row that is there but outside the user's scope is a 404, as on every page (nothing was deleted).
  const [only] = target.keys
  if (!target.bulk && only && result.count === 0 && resource.scope) {
    if ((await readRecord(admin.db, unscoped(resource), only.target, null)).row)
      throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(only.text)}".`)
  }
  const gone = result.missing > 0 ? ` (${result.missing.toLocaleString('en-US')} had already been deleted)` : ''
  setFlash(c, secret, { kind: 'success', message: `Deleted ${rowCount(resource, result.count)}${gone}.` })
  // Back to the list the row was opened from (`back`), as it was; its page may now hold one row fewer.
  return c.redirect(c.get('urls').list(resource.table, target.back?.query ?? []), 303)
}

async function renderDelete(
  c: Context<AdminEnv>,
  resource: Resource,
  target: Target,
  refusal: string | null = null,
  reason: ParsedReason | null = null,
): Promise<Response> {
  let error = refusal
  const admin = c.get('admin')
  const urls = c.get('urls')
  const dialect = admin.dialect.name
  let preview: DeletePreview | null = null
  const user = c.get('principal')
  try {
    preview = await admin.dialect.withStatementTimeout(admin.db, admin.statementTimeoutMs, (trx) =>
      previewDelete(
        trx,
        admin.schema.tables,
        resource.table,
        resource.key.columns,
        target.keys.map((key) => key.target),
        { rootRows: scopedRows(admin.db, resource, user) },
      ),
    )
  } catch (failure) {
    if (!admin.dialect.mapError(failure)) throw failure
    admin.logger.error(`steward: delete preview of ${resource.id} failed:`, failure)
  }
  let ambiguous = false
  const read = await Promise.all(
    target.keys.slice(0, shownRecords).map(async (key) => {
      const { row, duplicated } = await readRecord(admin.db, resource, key.target, user)
      ambiguous ||= duplicated
      return { key, row }
    }),
  )
  // In the selection's order, not the order the reads came back in (on Postgres, from several connections).
  const rows: Row[] = read.flatMap(({ row }) => (row ? [row] : []))
  const records = read.map(({ key, row }) =>
    row
      ? {
          label: recordTitle(resource, row, key.target.keyValues, dialect),
          href: urls.detail(resource.table, key.text),
        }
      : { label: `${shortKey(key.text)} (already deleted)`, href: null },
  )
  // A key that matches several rows (SQLite NULL keys, identical key-less rows) is never deleted.
  if (ambiguous) error ??= writeMessages.ambiguous
  if (!target.bulk && records[0]?.href === null && !error) {
    throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(target.keys[0]?.text ?? '')}".`)
  }
  const effectInput = {
    resource,
    // Links name the rows pointing at the deleted ones by their values: only when every one of them was read.
    rows: rows.length === target.keys.length ? rows : null,
    visible: visibleResources(c),
    urls,
    dialect,
  }
  const effect = (e: DeleteEffect) => deleteEffectModel(effectInput, e)
  const count = preview?.rows ?? target.keys.length
  const { back } = target
  const these = count === 1 ? `this ${rowNoun(resource)}` : `these ${rowCount(resource, count)}`
  const model: DeletePageModel = {
    summary: `Delete ${these}?`,
    records,
    moreRecords: Math.max(0, target.keys.length - shownRecords),
    cascades: preview?.cascades.map(effect) ?? [],
    cleared: preview?.cleared.map(effect) ?? [],
    blockers: preview?.blockers.map(effect) ?? [],
    warning: !preview
      ? 'Steward could not work out what else this delete affects (the check failed or took too long), so it is not offered.'
      : preview.incomplete
        ? 'The chain of related rows is long: only its first levels are listed, and more rows may be deleted with these.'
        : null,
    error,
    blocked: !preview || preview.blockers.length > 0 || preview.rows === 0 || ambiguous,
    blockedText: preview?.blockers.length
      ? `${atStart(these)} cannot be deleted yet: the rows that must be deleted or reassigned first still refer to ${count === 1 ? 'it' : 'them'}.`
      : `${atStart(these)} cannot be deleted.`,
    action:
      (target.bulk ? urls.bulkDelete(resource.table) : urls.delete(resource.table, target.keys[0]!.text)) +
      backSuffix(back),
    hidden: [
      csrfPair(c),
      // A form field carries the key's text form (the segment, percent-decoded), as the list's row boxes do.
      ...(target.bulk
        ? [...target.keys.map((key) => ['key', key.target.text] as const), ['confirm', '1'] as const]
        : []),
    ],
    cancelHref:
      target.bulk || !records[0]?.href
        ? urls.list(resource.table, back?.query ?? [])
        : records[0].href + backSuffix(back),
    reason: reasonFieldModel(
      reasonRuleOf(c, resource),
      reason?.input ?? '',
      reason && !reason.ok ? reason.error : null,
    ),
  }
  return renderPage(
    c,
    {
      title: target.bulk
        ? `Delete ${rowCount(resource, target.keys.length)}`
        : `Delete ${recordName(resource, records[0]!.label)}`,
      crumbs: [...tableCrumbs(c, resource), { label: 'Delete' }],
      current: resource.table,
    },
    <DeletePage model={model} />,
    error ? 409 : reason && !reason.ok ? 422 : 200,
  )
}
