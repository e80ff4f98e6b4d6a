import type { Context } from 'hono'
import type { AuditRecorder } from '../../audit/audit-entry.js'
import type { DatabaseError } from '../../db/database-error.js'
import { constraintErrors, type FormErrors } from '../../forms/constraint-errors.js'
import type { FieldSpec } from '../../forms/form-fields.js'
import type { Submitted } from '../../forms/parse-form.js'
import { missingReferences } from '../../records/missing-references.js'
import { decodeRecordKey, encodeRecordKey } from '../../records/record-key.js'
import { typedKeyValues } from '../../records/typed-key-values.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { HttpError, notFound } from '../errors.js'
import { resourceFor } from './table-route-helpers.js'

/** The resource of `:schema/:table`, refused with a page when it cannot be written. */
export function writableResource(c: Context<AdminEnv>): Resource {
  const resource = resourceFor(c)
  if (resource.readOnly) {
    const why = resource.readOnlyReasons.join(', and ')
    throw new HttpError(403, 'Read-only', `${resource.label} cannot be changed here because ${why}.`)
  }
  return resource
}

/** The `:key` segment, decoded and typed by the key columns' kinds; a 404 page when it names no possible row. */
export function recordKeyOf(
  c: Context<AdminEnv>,
  resource: Resource,
): { readonly text: string; readonly values: unknown[] } {
  const raw = c.req.param('key') ?? ''
  const decoded = decodeRecordKey(raw)
  const values = decoded && typedKeyValues(resource, resource.key.columns, decoded, c.get('admin').dialect.name)
  if (!decoded || !values) throw notFound(`${resource.label} has no row with key "${raw}".`)
  return { text: encodeRecordKey(decoded), values }
}

/** The audit log and this request's actor (the logged-in account with Steward's login), or null when auditing is off. */
export async function auditRecorder(c: Context<AdminEnv>): Promise<AuditRecorder | null> {
  const { audit, identity, accounts } = c.get('admin')
  if (!audit) return null
  return { log: audit, actor: accounts ? (c.get('principal')?.name ?? null) : await identity(c) }
}

/** The form's hidden CSRF field. */
export function csrfPair(c: Context<AdminEnv>): readonly [string, string] {
  return ['_csrf', c.get('csrfToken') ?? '']
}

/** What the user typed, by column, to find the field a database error quotes. */
export function typedInputs(submitted: ReadonlyMap<string, Submitted>): Map<string, string> {
  const inputs = new Map<string, string>()
  for (const [name, state] of submitted) if (state.type === 'value') inputs.set(name, state.input)
  return inputs
}

/**
 * A database refusal as messages on the form. SQLite does not say which foreign key failed: the
 * written references are then checked one by one (after the rollback) to put the message in place.
 */
export async function writeErrors(
  c: Context<AdminEnv>,
  resource: Resource,
  error: DatabaseError,
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, unknown>>,
  submitted: ReadonlyMap<string, Submitted>,
): Promise<FormErrors> {
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
  if (error.code !== 'foreign_key' || Object.keys(found.fields).length > 0) return found
  const missing = await missingReferences(admin.db, resource.table, values).catch(() => [])
  const fieldsWithMessage: Record<string, string> = {}
  for (const fk of missing) {
    for (const name of fk.columns) {
      if (onForm.has(name))
        fieldsWithMessage[name] = `There is no row in ${tableLabel(fk.refSchema, fk.refTable)} with this value.`
    }
  }
  return Object.keys(fieldsWithMessage).length > 0 ? { fields: fieldsWithMessage, form: null } : found
}
