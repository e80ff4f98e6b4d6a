import type { Context, Hono } from 'hono'
import { ActionPage } from '../../../views/pages/action-page.js'
import type { ActionPageModel } from '../../../views/pages/edit-page-models.js'
import { actionFieldName, actionFields, parseActionForm, type ActionField } from '../../forms/action-form.js'
import { parseReason, reasonFieldModel, type ParsedReason, type ReasonRule } from '../../forms/change-reason.js'
import { formBody, type FormBody } from '../../forms/form-body.js'
import { isReadingAction } from '../../auth/permissions.js'
import { readRecord } from '../../records/read-record.js'
import { refSegment } from '../../records/record-ref.js'
import { runAction, type RunActionResult } from '../../records/run-action.js'
import type { Resource } from '../../resources/resource.js'
import { actionRunsOn, tableActionsOf, type NamedAction } from '../../resources/table-actions.js'
import type { AdminEnv } from '../admin-context.js'
import { recordTitle } from '../detail-view-model.js'
import { databaseFault, HttpError, notFound } from '../errors.js'
import { readFormData } from '../form-request.js'
import { setFlash } from '../middleware/flash.js'
import { actionRefusal, asksFirst, backField } from '../offered-actions.js'
import { renderPage } from '../render-page.js'
import {
  auditRecorder,
  csrfPair,
  reasonRuleOf,
  recordKeyOf,
  refusalMessage,
  shortKey,
  type RecordKey,
} from './edit-helpers.js'
import { mayFor, recordTargetOf, resourceFor, tableCrumbs } from './table-route-helpers.js'
import { rowNoun } from '../record-names.js'

const maxBulk = 500
const shownRecords = 20
/** Marks the action page's own post: the confirm step was seen and the form filled, so it runs. */
const runField = 'run'

/** Where an action request runs: on a list's selection (back to the list) or on one record (back to it). */
interface Request {
  readonly resource: Resource
  readonly action: NamedAction
  readonly keys: readonly RecordKey[]
  /** The URL the page posts to, and where Cancel and the redirect after running go. */
  readonly postUrl: string
  readonly backUrl: string
  /** Hidden fields repeating the selection (`key`s and the list's query) on the action page. */
  readonly carried: readonly (readonly [string, string])[]
}

/**
 * Custom actions (`TableAction`): `…/action/{name}` on a list's selection (`key` repeated) and
 * `…/row/{key}/action/{name}` on one record. GET shows the confirm step and form; POST runs it, after that
 * page when the action asks first (a post from the list or the detail page then shows the page instead).
 */
export function registerActionRoutes(app: Hono<AdminEnv>, secret: string): void {
  app.get('/:schema/:table/action/:action', async (c) => showAction(c, await selectionRequest(c, null)))
  app.post('/:schema/:table/action/:action', async (c) => {
    const body = formBody(await readFormData(c))
    const request = await selectionRequest(c, body)
    if (request.keys.length === 0) {
      setFlash(c, secret, { kind: 'info', message: 'No rows were selected.' })
      return c.redirect(request.backUrl, 303)
    }
    return postAction(c, secret, request, body)
  })
  app.get('/:schema/:table/row/:key/action/:action', async (c) => showAction(c, await rowRequest(c)))
  app.post('/:schema/:table/row/:key/action/:action', async (c) =>
    postAction(c, secret, await rowRequest(c), formBody(await readFormData(c))),
  )
}

/**
 * The resource and the action named by the path, for a user who may run it: a table they may not view is a
 * 404, an action the table does not offer there too; a permission they lack (or a writing action on a
 * read-only table) a 403.
 */
function actionOf(c: Context<AdminEnv>, where: 'rows' | 'row'): { resource: Resource; action: NamedAction } {
  const resource = resourceFor(c, 'view')
  const name = c.req.param('action') ?? ''
  const action = tableActionsOf(c.get('admin').config, resource.id).find(
    (candidate) => candidate.name === name && actionRunsOn(candidate.spec, where),
  )
  if (!action) throw notFound(`${resource.label} has no action "${shortKey(name)}".`)
  const refusal = actionRefusal(resource, action, mayFor(c))
  // The one wording of a missing permission, as for Steward's own actions.
  if (refusal === 'forbidden') resourceFor(c, action.spec.permission)
  if (refusal !== null) {
    const why = resource.readOnlyReasons.join(', and ') || 'the admin is read-only'
    throw new HttpError(403, 'Read-only', `“${action.spec.label}” cannot run on ${resource.label} because ${why}.`)
  }
  return { resource, action }
}

async function selectionRequest(c: Context<AdminEnv>, body: FormBody | null): Promise<Request> {
  const { resource, action } = actionOf(c, 'rows')
  const urls = c.get('urls')
  const texts = [...new Set(body ? body.all('key') : (c.req.queries('key') ?? []))]
  if (texts.length > maxBulk) throw new HttpError(400, 'Too many rows', `Select at most ${maxBulk} rows at a time.`)
  const keys: RecordKey[] = []
  for (const text of texts) {
    const target = await recordTargetOf(c, resource, text)
    if (!target) throw new HttpError(400, 'Bad selection', `“${shortKey(text)}” is not a key of ${resource.label}.`)
    keys.push({ text: refSegment(target.text), target })
  }
  const back = listQueryOf(body ? body.value(backField) : c.req.query(backField))
  return {
    resource,
    action,
    keys,
    postUrl: urls.bulkAction(resource.table, action.name),
    backUrl: urls.list(resource.table, back),
    carried: [
      // A form field carries the key's text form (the segment, percent-decoded), as the list's row boxes do.
      ...keys.map((key) => ['key', key.target.text] as const),
      ...(back.length > 0 ? [[backField, new URLSearchParams(back.map(([k, v]) => [k, v])).toString()] as const] : []),
    ],
  }
}

async function rowRequest(c: Context<AdminEnv>): Promise<Request> {
  const { resource, action } = actionOf(c, 'row')
  const key = await recordKeyOf(c, resource)
  // A row that is not there, or outside the user's scope, is a 404 as on every record page.
  if (!(await readRecord(c.get('admin').db, resource, key.target, c.get('principal'))).row)
    throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(key.text)}".`)
  const urls = c.get('urls')
  return {
    resource,
    action,
    keys: [key],
    postUrl: urls.rowAction(resource.table, key.text, action.name),
    backUrl: urls.detail(resource.table, key.text),
    carried: [],
  }
}

/** The list's query string as it came back: re-encoded pairs only, so it can never lead anywhere but the list. */
function listQueryOf(text: string | undefined): [string, string][] {
  if (!text || text.length > 8192) return []
  return [...new URLSearchParams(text)]
}

/** A reason is asked for actions that may change rows (their permission is not a reading one). */
function actionReasonRule(c: Context<AdminEnv>, request: Request): ReasonRule {
  return isReadingAction(request.action.spec.permission) ? 'off' : reasonRuleOf(c, request.resource)
}

async function showAction(c: Context<AdminEnv>, request: Request): Promise<Response> {
  if (request.keys.length === 0) throw new HttpError(400, 'No rows selected', 'Select the rows to run this on first.')
  const form = request.action.spec.form
  return renderAction(c, request, { fields: form ? actionFields(form) : [], error: null }, 200)
}

async function postAction(c: Context<AdminEnv>, secret: string, request: Request, body: FormBody): Promise<Response> {
  const { spec } = request.action
  const fresh = spec.form ? actionFields(spec.form) : []
  const rule = actionReasonRule(c, request)
  // From the list's or the record's button: the page comes first when the action asks anything (a required reason too).
  if ((asksFirst(request.action) || rule === 'required') && body.value(runField) !== '1')
    return renderAction(c, request, { fields: fresh, error: null }, 200)
  const reason = parseReason(body, rule)
  let input: unknown = undefined
  if (spec.form) {
    const parsed = parseActionForm(spec.form, body)
    if (!parsed.ok)
      return renderAction(
        c,
        request,
        { fields: parsed.fields, error: parsed.formError ?? 'Check the fields below.', reason },
        422,
      )
    input = parsed.input
  }
  if (!reason.ok) return renderAction(c, request, { fields: refill(fresh, body), error: null, reason }, 422)
  const admin = c.get('admin')
  const result = await runAction(admin.db, {
    dialect: admin.dialect,
    resource: request.resource,
    action: request.action,
    targets: request.keys.map((key) => key.target),
    user: c.get('principal'),
    input,
    audit: await auditRecorder(c, reason.reason),
  })
  if (result.status === 'done') {
    setFlash(c, secret, { kind: 'success', message: doneMessage(request, result) })
    return c.redirect(request.backUrl, 303)
  }
  // The page again, with what the user typed, and why nothing happened (by its field when a Refusal names one).
  const error = failureMessage(c, request, result)
  const onField = result.status === 'refused' && result.field ? actionFieldName(result.field) : null
  const fields = refill(fresh, body).map((field) => (field.name === onField ? { ...field, error } : field))
  return renderAction(c, request, { fields, error, reason }, result.status === 'failed' ? 500 : 409)
}

function doneMessage(request: Request, result: Extract<RunActionResult, { status: 'done' }>): string {
  const rows = result.count === 1 ? '1 row' : `${result.count.toLocaleString('en-US')} rows`
  const message = result.message ?? `“${request.action.spec.label}” ran on ${rows} of ${request.resource.label}.`
  if (result.missing.length === 0) return message
  const shown = result.missing.slice(0, 5).map(shortKey).join(', ')
  const gone = result.missing.length > 5 ? `${shown}…` : shown
  const count = result.missing.length
  return `${message} (${count === 1 ? '1 selected row no longer exists' : `${count} selected rows no longer exist`}: ${gone}.)`
}

function failureMessage(
  c: Context<AdminEnv>,
  request: Request,
  result: Exclude<RunActionResult, { status: 'done' }>,
): string {
  const label = request.action.spec.label
  if (result.status === 'refused') return refusalMessage(c, result)
  if (result.status === 'error') {
    const fault = databaseFault(result.error)
    if (fault) throw fault
    return `${result.error.message} “${label}” did not run: nothing was changed.`
  }
  c.get('admin').logger.error(`steward: action ${request.action.name} on ${request.resource.id} failed:`, result.cause)
  return `“${label}” failed, so nothing was changed. The details are in the server log.`
}

/** The fields as submitted (for the page shown again after a refusal), each without a message. */
function refill(fields: readonly ActionField[], body: FormBody): ActionField[] {
  return fields.map((field) => {
    const value = body.value(field.name) ?? ''
    return field.control === 'checkbox' ? { ...field, checked: value !== '' } : { ...field, value }
  })
}

async function renderAction(
  c: Context<AdminEnv>,
  request: Request,
  state: { readonly fields: readonly ActionField[]; readonly error: string | null; readonly reason?: ParsedReason },
  status: 200 | 409 | 422 | 500,
): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const { resource, action } = request
  const records = await Promise.all(
    request.keys.slice(0, shownRecords).map(async (key) => {
      const { row } = await readRecord(admin.db, resource, key.target, c.get('principal'))
      return row
        ? {
            label: recordTitle(resource, row, key.target.keyValues, admin.dialect.name),
            href: urls.detail(resource.table, key.text),
          }
        : { label: `${shortKey(key.text)} (no longer exists)`, href: null }
    }),
  )
  const count = request.keys.length
  const what = count === 1 ? 'this row' : `these ${count.toLocaleString('en-US')} rows`
  const model: ActionPageModel = {
    question:
      typeof action.spec.confirm === 'string'
        ? action.spec.confirm
        : `Run “${action.spec.label}” on ${what} of ${resource.label}?`,
    records,
    moreRecords: Math.max(0, count - shownRecords),
    fields: state.fields,
    error: state.error,
    action: request.postUrl,
    hidden: [csrfPair(c), ...request.carried, [runField, '1']],
    runLabel: action.spec.label,
    cancelHref: request.backUrl,
    reason: reasonFieldModel(
      actionReasonRule(c, request),
      state.reason?.input ?? '',
      state.reason && !state.reason.ok ? state.reason.error : null,
    ),
  }
  return renderPage(
    c,
    {
      title: `${action.spec.label}: ${resource.label}`,
      crumbs: [...tableCrumbs(c, resource), { label: action.spec.label }],
      current: resource.table,
    },
    <ActionPage model={model} />,
    status,
  )
}
