import type { Context } from 'hono'
import { RecordForm } from '../../../views/pages/record-form-page.js'
import { parseReason, reasonFieldModel, type ParsedReason } from '../../forms/change-reason.js'
import { formBody, formControl } from '../../forms/form-body.js'
import { formFields, type FieldSpec } from '../../forms/form-fields.js'
import { recordFormModel, saveActionOf } from '../../forms/form-page-model.js'
import { fieldModels } from '../../forms/form-view-model.js'
import { parseForm, type Submitted } from '../../forms/parse-form.js'
import { kindOf } from '../../kinds/registry.js'
import { readVersion, rowVersion } from '../../records/conflict.js'
import { insertRecord } from '../../records/insert-record.js'
import { readRecord } from '../../records/read-record.js'
import { unscoped } from '../../records/scoped-from.js'
import { refSegment, rowRefText } from '../../records/record-ref.js'
import type { RecordTarget } from '../../records/resolve-record-ref.js'
import { updateRecord, type Row } from '../../records/update-record.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { recordTitle } from '../detail-view-model.js'
import { HttpError, notFound } from '../errors.js'
import { readFormData } from '../form-request.js'
import { setFlash } from '../middleware/flash.js'
import { renderPage } from '../render-page.js'
import { queryString } from '../urls.js'
import { showConflict } from './conflict-view.js'
import { backSuffix, listBackOf } from './list-params-of.js'
import { keyChangeErrors, offersSaveAsNew, postSaveAsNew } from './save-as-new.js'
import { formLookups } from './edit-lookups.js'
import {
  auditRecorder,
  csrfPair,
  reasonRuleOf,
  recordKeyOf,
  refusedOnForm,
  shortKey,
  writableResource,
  writeErrors,
  writeHooks,
} from './edit-helpers.js'
import { driftBanner, tableCrumbs } from './table-route-helpers.js'
import { recordName, rowCount, rowNoun } from '../record-names.js'
import { byColumn } from '../../records/by-column.js'

export interface FormState {
  readonly submitted?: ReadonlyMap<string, Submitted>
  readonly errors?: Readonly<Record<string, string>>
  readonly formError?: string | null
  /** The reason as typed, and its message when it was refused. */
  readonly reason?: ParsedReason
}

/** The reason field as it was sent back, or empty. */
function reasonOf(c: Context<AdminEnv>, resource: Resource, state: FormState) {
  const sent = state.reason
  return reasonFieldModel(reasonRuleOf(c, resource), sent?.input ?? '', sent && !sent.ok ? sent.error : null)
}

/** `?f.<column>=value` from a reverse-relation "add" link: the inputs a create form starts with. */
function prefillOf(c: Context<AdminEnv>, fields: readonly FieldSpec[]): Record<string, string> {
  const query = new URL(c.req.url).searchParams
  const prefill = byColumn<string>()
  for (const field of fields) {
    const value = query.get(`f.${field.column.name}`)
    if (value !== null && !field.readOnly) prefill[field.column.name] = value
  }
  return prefill
}

/** Database values of the foreign-key fields as the form shows them, to label the rows they point at. */
function referenceValues(
  c: Context<AdminEnv>,
  fields: readonly FieldSpec[],
  inputs: (name: string) => string | undefined,
): Record<string, unknown> {
  const dialect = c.get('admin').dialect.name
  const values = byColumn<unknown>()
  for (const field of fields) {
    if (!field.foreignKey) continue
    const input = inputs(field.column.name)
    if (input === undefined || input === '') continue
    const parsed = kindOf(field.column).parse(input, field.column, dialect)
    if (parsed.ok) values[field.column.name] = parsed.value
  }
  return values
}

function submittedInput(submitted: ReadonlyMap<string, Submitted> | undefined, name: string): string | undefined {
  const state = submitted?.get(name)
  return state?.type === 'value' ? state.input : undefined
}

export async function showCreate(c: Context<AdminEnv>, state: FormState = {}, status = 200): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const resource = writableResource(c, 'add')
  const fields = formFields(resource, 'create', admin.dialect.name)
  const prefill = prefillOf(c, fields)
  const references = referenceValues(c, fields, (name) => submittedInput(state.submitted, name) ?? prefill[name])
  const lookups = await formLookups(c, fields, references)
  const models = fieldModels({
    fields,
    mode: 'create',
    dialect: admin.dialect.name,
    stored: null,
    prefill,
    ...(state.submitted ? { submitted: state.submitted } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
    lookups,
  })
  const model = recordFormModel({
    action: `${urls.create(resource.table)}${queryString(Object.entries(prefill).map(([k, v]) => [`f.${k}`, v]))}`,
    fields: models,
    hidden: [csrfPair(c)],
    formError: state.formError ?? null,
    cancelHref: urls.list(resource.table),
    noun: rowNoun(resource),
    fieldsets: resource.fieldsets,
    reason: reasonOf(c, resource, state),
  })
  return renderPage(
    c,
    {
      title: `Add ${rowNoun(resource)}`,
      crumbs: [...tableCrumbs(c, resource), { label: `Add ${rowNoun(resource)}` }],
      current: resource.table,
    },
    <RecordForm model={model} />,
    status,
  )
}

export async function postCreate(c: Context<AdminEnv>, secret: string): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const resource = writableResource(c, 'add')
  const fields = formFields(resource, 'create', admin.dialect.name)
  const body = formBody(await readFormData(c))
  const parsed = await parseForm(fields, body, { mode: 'create', dialect: admin.dialect.name })
  const reason = parseReason(body, reasonRuleOf(c, resource))
  if (Object.keys(parsed.errors).length > 0 || !reason.ok)
    return showCreate(c, { submitted: parsed.submitted, errors: parsed.errors, reason }, 422)
  const audit = await auditRecorder(c, reason.reason)
  const result = await insertRecord(admin.db, admin.dialect, resource, parsed.values, audit, {
    hooks: writeHooks(c, resource),
    user: c.get('principal'),
  })
  if (result.status === 'refused') {
    const { status, ...shown } = refusedOnForm(c, result, fields)
    return showCreate(c, { submitted: parsed.submitted, reason, ...shown }, status)
  }
  if (result.status === 'error') {
    const found = await writeErrors(c, resource, result.error, fields, parsed.values, parsed.submitted)
    const shown = { errors: found.fields, formError: found.form, reason }
    return showCreate(c, { submitted: parsed.submitted, ...shown }, found.status)
  }
  const action = saveActionOf(body.value(formControl.action))
  const again = `${urls.create(resource.table)}${new URL(c.req.url).search}`
  if (result.keyValues === null || result.ref === null) {
    // Saved, but the database did not say where (a trigger stored it elsewhere): no row page to go to.
    const message = `Added ${rowCount(resource, 1)}; the database did not return it (a trigger may have stored it elsewhere).`
    setFlash(c, secret, { kind: 'success', message })
    return c.redirect(action === 'another' ? again : urls.list(resource.table), 303)
  }
  const keyValues = result.keyValues
  const key = refSegment(result.ref)
  const row = { ...result.values, ...Object.fromEntries(resource.key.columns.map((name, i) => [name, keyValues[i]])) }
  const title = recordTitle(resource, row, keyValues, admin.dialect.name)
  setFlash(c, secret, { kind: 'success', message: `Added ${recordName(resource, title)}.` })
  const next =
    action === 'another'
      ? again
      : action === 'continue'
        ? urls.edit(resource.table, key)
        : urls.detail(resource.table, key)
  return c.redirect(next, 303)
}

interface EditState extends FormState {
  /** The version the user's form was drawn with, kept across a failed save so conflicts are still caught. */
  readonly version?: string
  readonly canSave?: boolean
}

async function loadRow(c: Context<AdminEnv>, resource: Resource, target: RecordTarget): Promise<Row | null> {
  const admin = c.get('admin')
  const { row, duplicated } = await readRecord(admin.db, resource, target, c.get('principal'))
  if (duplicated) {
    const why = 'More than one row matches this key, so none of them can be edited or deleted here.'
    throw new HttpError(409, 'Several identical rows', why)
  }
  return row
}

export async function showEdit(c: Context<AdminEnv>, state: EditState = {}, status = 200): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const resource = writableResource(c, 'change')
  const key = await recordKeyOf(c, resource)
  const row = await loadRow(c, resource, key.target)
  if (!row && state.canSave !== false)
    throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(key.text)}".`)
  const saveAsNew = offersSaveAsNew(c, resource)
  const fields = formFields(resource, 'edit', admin.dialect.name, { saveAsNew })
  const references = referenceValues(c, fields, (name) => {
    const sent = submittedInput(state.submitted, name)
    if (sent !== undefined) return sent
    const value = row?.[name]
    const column = fields.find((field) => field.column.name === name)!.column
    return value === null || value === undefined ? undefined : kindOf(column).toInput(value, column, admin.dialect.name)
  })
  const lookups = await formLookups(c, fields, references)
  const models = fieldModels({
    fields,
    mode: 'edit',
    dialect: admin.dialect.name,
    stored: row ?? {},
    ...(state.submitted ? { submitted: state.submitted } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
    lookups,
  })
  const version = state.version ?? (row ? rowVersion(resource.columns, row, admin.dialect.name) : '')
  const back = listBackOf(c, resource)
  const suffix = backSuffix(back)
  const model = recordFormModel({
    action: urls.edit(resource.table, key.text) + suffix,
    fields: models,
    hidden: [csrfPair(c), [formControl.version, version]],
    formError: state.formError ?? null,
    cancelHref: row ? urls.detail(resource.table, key.text) + suffix : urls.list(resource.table, back?.query ?? []),
    deleteHref: row ? urls.delete(resource.table, key.text) + suffix : null,
    canSave: state.canSave ?? true,
    noun: rowNoun(resource),
    fieldsets: resource.fieldsets,
    saveAsNew: saveAsNew && row !== null,
    reason: reasonOf(c, resource, state),
  })
  const title = row ? recordTitle(resource, row, key.target.keyValues, admin.dialect.name) : shortKey(key.text)
  return renderPage(
    c,
    {
      title: `Edit ${recordName(resource, title)}`,
      crumbs: [
        ...tableCrumbs(c, resource),
        { label: title, href: urls.detail(resource.table, key.text) + suffix },
        { label: 'Edit' },
      ],
      banner: resource.drifted ? driftBanner : null,
      current: resource.table,
    },
    <RecordForm model={model} />,
    status,
  )
}

const deletedMeanwhile =
  'This row was deleted by someone else after you opened the form. Nothing was saved; your values are below.'

export async function postEdit(c: Context<AdminEnv>, secret: string): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const dialect = admin.dialect.name
  const resource = writableResource(c, 'change')
  const key = await recordKeyOf(c, resource)
  const body = formBody(await readFormData(c))
  const action = saveActionOf(body.value(formControl.action))
  if (action === 'saveAsNew') return postSaveAsNew(c, secret, resource, body, showEdit)
  const fields = formFields(resource, 'edit', dialect, { saveAsNew: offersSaveAsNew(c, resource) })
  const version = body.value(formControl.version) ?? ''
  const original = readVersion(version, resource.columns) ?? new Map<string, string>()
  const parsed = await parseForm(fields, body, { mode: 'edit', dialect, original })
  // Nothing touched needs no reason: the save is "No changes to save", whatever the reason box holds.
  const rule = reasonRuleOf(c, resource)
  const untouched = Object.keys(parsed.values).length === 0
  const reason = parseReason(body, untouched && rule === 'required' ? 'optional' : rule)
  const keep = { submitted: parsed.submitted, version, reason }
  const errors = { ...parsed.errors, ...keyChangeErrors(fields, parsed.values) }
  if (Object.keys(errors).length > 0 || !reason.ok) return showEdit(c, { ...keep, errors }, 422)
  const result = await updateRecord(
    admin.db,
    admin.dialect,
    resource,
    { keyValues: key.target, version, changes: parsed.values, user: c.get('principal') },
    await auditRecorder(c, reason.reason),
    { hooks: writeHooks(c, resource) },
  )
  switch (result.status) {
    case 'conflict':
      return showConflict(
        c,
        resource,
        key,
        fields,
        parsed,
        result.current,
        result.changedByOthers,
        reasonOf(c, resource, keep),
      )
    case 'not_found':
      // Not there for this user (outside the table's scope) is a 404, as on every page; gone meanwhile keeps the input.
      if (resource.scope && (await readRecord(admin.db, unscoped(resource), key.target, null)).row)
        throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(key.text)}".`)
      return showEdit(c, { ...keep, canSave: false, formError: deletedMeanwhile }, 409)
    case 'refused': {
      const { status, ...shown } = refusedOnForm(c, result, fields)
      return showEdit(c, { ...keep, ...shown }, status)
    }
    case 'error': {
      const found = await writeErrors(c, resource, result.error, fields, parsed.values, parsed.submitted)
      return showEdit(c, { ...keep, errors: found.fields, formError: found.form }, found.status)
    }
  }
  const newKey = refSegment(rowRefText(resource, result.row))
  const title = recordTitle(resource, result.row, null, dialect)
  setFlash(
    c,
    secret,
    result.status === 'unchanged'
      ? { kind: 'info', message: 'No changes to save.' }
      : { kind: 'success', message: `Saved ${recordName(resource, title)}.` },
  )
  // Opened from a list (`back`): saving returns to that list as it was, filters, sort and page.
  const back = listBackOf(c, resource)
  const next =
    action === 'another'
      ? urls.create(resource.table)
      : action === 'continue'
        ? urls.edit(resource.table, newKey) + backSuffix(back)
        : back
          ? urls.list(resource.table, back.query)
          : urls.detail(resource.table, newKey)
  return c.redirect(next, 303)
}
