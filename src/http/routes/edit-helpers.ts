import type { Context } from 'hono'
import type { AuditRecorder } from '../../audit/audit-entry.js'
import { anonymous } from '../../auth/permissions.js'
import type { DatabaseError } from '../../db/database-error.js'
import { constraintErrors, type FormErrors } from '../../forms/constraint-errors.js'
import { reasonRule, type ReasonRule } from '../../forms/change-reason.js'
import type { FieldSpec } from '../../forms/form-fields.js'
import type { Submitted } from '../../forms/parse-form.js'
import { missingReferences } from '../../records/missing-references.js'
import { refSegment } from '../../records/record-ref.js'
import type { WriteHooks } from '../../records/write-hooks.js'
import type { RecordTarget } from '../../records/resolve-record-ref.js'
import { writeMessages } from '../../records/write-messages.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { databaseFault, HttpError, notFound } from '../errors.js'
import { csrfField } from '../middleware/csrf.js'
import { recordTargetOf, resourceFor } from './table-route-helpers.js'
import { rowNoun } from '../record-names.js'
import { byColumn, ownValue } from '../../records/by-column.js'

/** The resource of `:schema/:table` for a write the user may make, refused with a page when it cannot be written. */
export function writableResource(c: Context<AdminEnv>, action: 'add' | 'change' | 'delete'): Resource {
  const resource = resourceFor(c, action)
  if (resource.readOnly) {
    const why = resource.readOnlyReasons.join(', and ')
    throw new HttpError(403, 'Read-only', `${resource.label} cannot be changed here because ${why}.`)
  }
  return resource
}

/** A record page's row: its canonical URL segment and how to find it. */
export interface RecordKey {
  /** The canonical path segment (see `refSegment`). */
  readonly text: string
  readonly target: RecordTarget
}

/** The `:key` segment, decoded, typed by the key columns' kinds and resolved; a 404 page when it names no possible row. */
export async function recordKeyOf(c: Context<AdminEnv>, resource: Resource): Promise<RecordKey> {
  const raw = c.req.param('key') ?? ''
  const target = await recordTargetOf(c, resource, raw)
  if (!target) throw notFound(`There is no ${rowNoun(resource)} with key "${shortKey(raw)}".`)
  return { text: refSegment(target.text), target }
}

/** A key for a message: a long one cut short (a page must not repeat a 20,000-character key). */
export function shortKey(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/**
 * The audit log, this request's actor (the logged-in account with Steward's login) and the reason they gave,
 * or null when auditing is off.
 */
export async function auditRecorder(c: Context<AdminEnv>, reason: string | null = null): Promise<AuditRecorder | null> {
  const { audit } = c.get('admin')
  const who = c.get('principal')
  return audit ? { log: audit, actor: who && who !== anonymous ? who.name : null, reason } : null
}

/** Whether changes to `resource` offer, require or (without the audit log) leave out a reason. */
export function reasonRuleOf(c: Context<AdminEnv>, resource: Resource): ReasonRule {
  const { config, audit } = c.get('admin')
  return reasonRule(config, resource.id, audit !== null)
}

/**
 * The config's write hooks for `resource` (the global `hooks`, then `tables.<id>.hooks`) with the user
 * asking, or null when the config declares none.
 */
export function writeHooks(c: Context<AdminEnv>, resource: Resource): WriteHooks | null {
  const { config } = c.get('admin')
  const hooks = [config.hooks, ownValue(config.tables, resource.id)?.hooks].flatMap((found) => (found ? [found] : []))
  if (hooks.length === 0) return null
  const who = c.get('principal')
  return { hooks, user: who === anonymous ? null : who }
}

/** The form's hidden CSRF field. */
export function csrfPair(c: Context<AdminEnv>): readonly [string, string] {
  return [csrfField, c.get('csrfToken') ?? '']
}

/** What the user typed, by column, to find the field a database error quotes. */
export function typedInputs(submitted: ReadonlyMap<string, Submitted>): Map<string, string> {
  const inputs = new Map<string, string>()
  for (const [name, state] of submitted) if (state.type === 'value') inputs.set(name, state.input)
  return inputs
}

/**
 * A database refusal as messages on the form, with the page's status. SQLite does not say which foreign
 * key failed: the written references are then checked one by one (after the rollback) to put the
 * message in place. A database that is down or busy refused nothing: the whole form comes back, 503.
 */
export async function writeErrors(
  c: Context<AdminEnv>,
  resource: Resource,
  error: DatabaseError,
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, unknown>>,
  submitted: ReadonlyMap<string, Submitted>,
): Promise<FormErrors & { readonly status: 422 | 503 }> {
  const fault = databaseFault(error)
  if (fault) {
    c.header('Retry-After', String(fault.retryAfterSeconds))
    return { fields: {}, form: writeMessages.notSaved(error.message), status: 503 }
  }
  const admin = c.get('admin')
  const onForm = new Set(fields.filter((field) => !field.readOnly).map((field) => field.column.name))
  const tableLabel = (schema: string, name: string) => admin.resources.get(schema, name)?.label ?? name
  const found = constraintErrors(
    error,
    resource.table,
    onForm,
    resource.columnLabels,
    typedInputs(submitted),
    tableLabel,
  )
  if (error.code !== 'foreign_key' || Object.keys(found.fields).length > 0) return { ...found, status: 422 }
  const missing = await missingReferences(admin.db, resource.table, values, {
    resources: admin.resources,
    user: c.get('principal'),
  }).catch((failure: unknown) => {
    // The page still says that a referenced row is missing, only not next to which field.
    admin.logger.warn(`steward: could not find which reference of ${resource.id} is missing:`, failure)
    return []
  })
  const fieldsWithMessage = byColumn<string>()
  for (const fk of missing) {
    for (const name of fk.columns) {
      if (onForm.has(name)) fieldsWithMessage[name] = writeMessages.noSuchRow(tableLabel(fk.refSchema, fk.refTable))
    }
  }
  const placed = Object.keys(fieldsWithMessage).length > 0 ? { fields: fieldsWithMessage, form: null } : found
  return { ...placed, status: 422 }
}

/**
 * A refused save as the form shows it: beside the field a hook's `Refusal` names when that field is on the
 * form (a 422), else at the top of the form (a 409).
 */
export function refusedOnForm(
  c: Context<AdminEnv>,
  refused: { readonly message: string; readonly cause?: unknown; readonly field?: string },
  fields: readonly FieldSpec[],
): { readonly errors?: Record<string, string>; readonly formError?: string; readonly status: 409 | 422 } {
  const message = refusalMessage(c, refused)
  const field = fields.find((spec) => !spec.readOnly && spec.column.name === refused.field)
  return field ? { errors: { [field.column.name]: message }, status: 422 } : { formError: message, status: 409 }
}

/** The message a refused write shows; its cause, when it has one (a failed audit entry), goes to the log. */
export function refusalMessage(
  c: Context<AdminEnv>,
  refused: { readonly message: string; readonly cause?: unknown },
): string {
  if (refused.cause !== undefined) c.get('admin').logger.error(`steward: ${refused.message}`, refused.cause)
  return refused.message
}
