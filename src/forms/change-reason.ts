import type { StewardConfig } from '../resources/define-config.js'
import type { FormBody } from './form-body.js'
import { ownValue } from '../records/by-column.js'

/** The form field carrying the reason; prefixed like Steward's other own fields, so no column collides. */
export const reasonField = '_reason'

/** Longer reasons are refused: an audit entry is not a document store. */
export const maxReasonLength = 2000

/**
 * Whether a change to a table offers a reason (`optional`), insists on one (`required`) or has nowhere to keep it
 * (`off`: the audit log is not on).
 */
export type ReasonRule = 'off' | 'optional' | 'required'

export function reasonRule(config: StewardConfig, tableId: string, auditOn: boolean): ReasonRule {
  if (!auditOn) return 'off'
  const required = ownValue(config.tables, tableId)?.requireReason ?? config.requireReason ?? false
  return required ? 'required' : 'optional'
}

/** The reason field as a form draws it; null when the rule is `off`. */
export interface ReasonFieldModel {
  readonly name: string
  readonly value: string
  readonly required: boolean
  readonly error: string | null
}

export function reasonFieldModel(rule: ReasonRule, value = '', error: string | null = null): ReasonFieldModel | null {
  return rule === 'off' ? null : { name: reasonField, value, required: rule === 'required', error }
}

export type ParsedReason =
  | { readonly ok: true; readonly reason: string | null; readonly input: string }
  | { readonly ok: false; readonly error: string; readonly input: string }

/** The submitted reason, trimmed (null when blank), or the message for its field. */
export function parseReason(body: FormBody, rule: ReasonRule): ParsedReason {
  const input = body.value(reasonField) ?? ''
  if (rule === 'off') return { ok: true, reason: null, input: '' }
  const reason = input.trim()
  if (reason === '' && rule === 'required') return { ok: false, error: 'Give a reason for this change.', input }
  if (reason.length > maxReasonLength)
    return { ok: false, error: `Keep the reason under ${maxReasonLength.toLocaleString('en-US')} characters.`, input }
  return { ok: true, reason: reason === '' ? null : reason, input }
}
