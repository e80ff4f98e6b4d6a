import type { DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import { fingerprint, storedFingerprint, type FieldState } from '../records/conflict.js'
import { writeMessages } from '../records/write-messages.js'
import { fieldName, type FormBody } from './form-body.js'
import type { FieldSpec, FormMode } from './form-fields.js'
import { formSchema } from './form-schema.js'
import { readChoice } from './html-input-values.js'
import { byColumn } from '../records/by-column.js'

/** What the user submitted for one field, kept to redraw the form exactly as they left it. */
export type Submitted =
  /** `nullTicked`: the NULL box was ticked too, which is refused rather than guessed at. */
  | { readonly type: 'value'; readonly input: string; readonly nullTicked?: boolean }
  /** `fromEmpty`: an empty input read as NULL (not the NULL box), which may also stand for a stored ''. */
  | { readonly type: 'null'; readonly fromEmpty?: boolean }
  /** Left empty on create: the database's default applies. */
  | { readonly type: 'default' }
  /** An uploaded file. */
  | { readonly type: 'file'; readonly bytes: Buffer; readonly name: string }
  /** Edit: the field was not in the submission, or a large value was left as it is. */
  | { readonly type: 'keep' }

export interface ParsedForm {
  /** Columns to write, with database values: every filled field on create, only changed ones on edit. */
  readonly values: Readonly<Record<string, unknown>>
  readonly submitted: ReadonlyMap<string, Submitted>
  readonly errors: Readonly<Record<string, string>>
  /** Edit: columns the user changed compared with the version the form was drawn with. */
  readonly changed: readonly string[]
}

export interface ParseFormOptions {
  readonly mode: FormMode
  readonly dialect: DialectName
  /** Edit: each column's fingerprint as the form was drawn (from the version token). */
  readonly original?: ReadonlyMap<string, string>
}

/**
 * Reads a create or edit form: decides per field between a value, NULL and the default, parses the
 * text with the column's kind, then checks everything against the form's zod schema. On edit a field
 * whose submission matches the original fingerprint is unchanged and neither validated nor written,
 * so a value the database holds but a form could not produce (a rounding, a legacy format) survives.
 */
export async function parseForm(
  fields: readonly FieldSpec[],
  body: FormBody,
  options: ParseFormOptions,
): Promise<ParsedForm> {
  const values = byColumn<unknown>()
  const submitted = new Map<string, Submitted>()
  const errors = byColumn<string>()
  const changed: string[] = []
  for (const field of fields) {
    if (field.readOnly) continue
    const name = field.column.name
    const kind = kindOf(field.column)
    const state = await readSubmission(field, body, options.mode)
    submitted.set(name, state)
    if (state.type === 'keep' || state.type === 'default') continue
    if (state.type === 'value' && state.nullTicked) {
      errors[name] = 'Clear the field for NULL, or untick NULL to keep this value.'
      continue
    }
    const original = options.original?.get(name)
    if (original !== undefined && state.type !== 'file' && fingerprint(asFieldState(state)) === original) continue
    const storedEmpty = original !== undefined && fingerprint({ null: false, input: '' }) === original
    if (state.type === 'null' && state.fromEmpty && storedEmpty) continue
    if (state.type === 'null') {
      if (!field.column.nullable) errors[name] = writeMessages.required
      else values[name] = null
    } else if (state.type === 'file') {
      values[name] = state.bytes
    } else if (state.input === '' && field.emptyIsAbsent && !kind.parse('', field.column, options.dialect).ok) {
      errors[name] = writeMessages.required
    } else {
      const parsed = kind.parse(normalizeNewlines(field, state.input), field.column, options.dialect)
      if (!parsed.ok) errors[name] = parsed.message
      else if (original !== undefined && storedFingerprint(field.column, parsed.value, options.dialect) === original)
        continue
      else values[name] = parsed.value
    }
    if (options.mode === 'edit' && !errors[name]) changed.push(name)
  }
  const checked = formSchema(fields).safeParse(values)
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const name = String(issue.path[0] ?? '')
      errors[name] ??= issue.message
    }
  }
  // Plain objects for what reads them (hooks included); a spread keeps `__proto__` as a key.
  return { values: { ...values }, submitted, errors: { ...errors }, changed }
}

async function readSubmission(field: FieldSpec, body: FormBody, mode: FormMode): Promise<Submitted> {
  const name = field.column.name
  const file = field.widget.type === 'file-or-hex' ? body.file(fieldName.file(name)) : undefined
  if (file) return { type: 'file', bytes: Buffer.from(await file.arrayBuffer()), name: file.name }
  const input = body.value(fieldName.value(name))
  const nullBox = body.has(fieldName.null(name))
  if (input === undefined && !nullBox) return mode === 'edit' ? { type: 'keep' } : emptyState(field, '')
  const text = input ?? ''
  if (nullBox) return text === '' ? { type: 'null' } : { type: 'value', input: text, nullTicked: true }
  if (text === '' && body.has(fieldName.keep(name))) return { type: 'keep' }
  if (text === '' && field.widget.type === 'tristate') return { type: 'null', fromEmpty: true }
  if (field.widget.type === 'select') {
    const choice = readChoice(text)
    if (choice !== undefined) return { type: 'value', input: choice }
    return field.defaultOnEmpty ? { type: 'default' } : { type: 'null' }
  }
  return emptyState(field, text)
}

/** What an empty input stands for: the default on create, NULL for a kind without an empty value, else ''. */
function emptyState(field: FieldSpec, text: string): Submitted {
  if (text !== '') return { type: 'value', input: text }
  if (field.defaultOnEmpty) return { type: 'default' }
  if (field.emptyIsAbsent && field.column.nullable) return { type: 'null', fromEmpty: true }
  return { type: 'value', input: '' }
}

function asFieldState(state: Extract<Submitted, { type: 'null' | 'value' }>): FieldState {
  return state.type === 'null' ? { null: true } : { null: false, input: state.input }
}

/** Browsers send a textarea's line breaks as CRLF; what was stored with LF stays LF. */
function normalizeNewlines(field: FieldSpec, input: string): string {
  return field.widget.type === 'textarea' || field.widget.type === 'json' ? input.replace(/\r\n?/g, '\n') : input
}
