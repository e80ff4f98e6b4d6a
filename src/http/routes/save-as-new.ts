import type { Context } from 'hono'
import { parseReason, type ParsedReason } from '../../forms/change-reason.js'
import type { FormBody } from '../../forms/form-body.js'
import { formControl } from '../../forms/form-body.js'
import { formFields, type FieldSpec } from '../../forms/form-fields.js'
import { parseForm, type Submitted } from '../../forms/parse-form.js'
import { insertRecord } from '../../records/insert-record.js'
import { refSegment } from '../../records/record-ref.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { recordTitle } from '../detail-view-model.js'
import { HttpError } from '../errors.js'
import { setFlash } from '../middleware/flash.js'
import {
  auditRecorder,
  reasonRuleOf,
  refusedOnForm,
  writableResource,
  writeErrors,
  writeHooks,
} from './edit-helpers.js'
import { allowed } from './table-route-helpers.js'
import { recordName, rowCount } from '../record-names.js'
import { byColumn } from '../../records/by-column.js'

/** The edit form offers "Save as new": the table allows it and this user may add rows to it. */
export function offersSaveAsNew(c: Context<AdminEnv>, resource: Resource): boolean {
  return resource.saveAsNew && allowed(c, 'add', resource.table)
}

const keyKept = 'Save keeps the key: to add a copy under this key, choose Save as new.'

/** Save (not "Save as new") never changes a primary key: a key column edited for a copy is refused on its field. */
export function keyChangeErrors(
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const errors = byColumn<string>()
  for (const field of fields)
    if (field.keyForNewRow && Object.hasOwn(values, field.column.name)) errors[field.column.name] = keyKept
  return errors
}

/** What a failed attempt redraws: the edit form with the user's values and messages (`showEdit`). */
export type RedrawEdit = (
  c: Context<AdminEnv>,
  state: {
    readonly submitted: ReadonlyMap<string, Submitted>
    readonly version: string
    readonly errors?: Readonly<Record<string, string>>
    readonly formError?: string | null
    readonly reason?: ParsedReason
  },
  status: number,
) => Promise<Response>

/**
 * "Save as new" (Django's `save_as`): the edit form's values inserted as a new row. Every field on the form
 * is written as it stands, changed or not; what is not on it (read-only and hidden fields, keys and other
 * columns the database assigns) is left to the database. A natural key the user did not change collides
 * with the row it was copied from and comes back as the unique-key message on its field.
 */
export async function postSaveAsNew(
  c: Context<AdminEnv>,
  secret: string,
  resource: Resource,
  body: FormBody,
  redraw: RedrawEdit,
): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const dialect = admin.dialect.name
  writableResource(c, 'add')
  if (!resource.saveAsNew) throw new HttpError(400, 'Not offered', notOffered)
  const fields = formFields(resource, 'edit', dialect, { saveAsNew: true }).filter((field) => !field.readOnly)
  const parsed = await parseForm(fields, body, { mode: 'create', dialect })
  const reason = parseReason(body, reasonRuleOf(c, resource))
  const keep = { submitted: parsed.submitted, version: body.value(formControl.version) ?? '', reason }
  if (Object.keys(parsed.errors).length > 0 || !reason.ok) return redraw(c, { ...keep, errors: parsed.errors }, 422)
  // An insert like any other: the table's hooks run (mode 'create') and the audit log records it.
  const audit = await auditRecorder(c, reason.reason)
  const result = await insertRecord(admin.db, admin.dialect, resource, parsed.values, audit, {
    hooks: writeHooks(c, resource),
    user: c.get('principal'),
  })
  if (result.status === 'refused') {
    const { status, ...shown } = refusedOnForm(c, result, fields)
    return redraw(c, { ...keep, ...shown }, status)
  }
  if (result.status === 'error') {
    const found = await writeErrors(c, resource, result.error, fields, parsed.values, parsed.submitted)
    return redraw(c, { ...keep, errors: found.fields, formError: found.form }, found.status)
  }
  if (result.keyValues === null || result.ref === null) {
    const message = `Added ${rowCount(resource, 1)}; the database did not return it (a trigger may have stored it elsewhere).`
    setFlash(c, secret, { kind: 'success', message })
    return c.redirect(urls.list(resource.table), 303)
  }
  const keyValues = result.keyValues
  const row = { ...result.values, ...Object.fromEntries(resource.key.columns.map((name, i) => [name, keyValues[i]])) }
  const title = recordTitle(resource, row, keyValues, dialect)
  setFlash(c, secret, { kind: 'success', message: `Added ${recordName(resource, title)} as a new row.` })
  return c.redirect(urls.detail(resource.table, refSegment(result.ref)), 303)
}

const notOffered = 'This table has no "Save as new". Nothing was saved.'
