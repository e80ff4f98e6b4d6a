import type { DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import type { ControlModel, FieldModel, LookupModel } from './field-model.js'
import { fieldName } from './form-body.js'
import type { FieldSpec, FormMode } from './form-fields.js'
import { fitControl } from './fit-control.js'
import { pageCarries } from './html-input-values.js'
import type { Submitted } from './parse-form.js'
import { ownValue } from '../records/by-column.js'

// Above this, stored bytes are not put into the page as hex: the field keeps them unless replaced.
const hexEditLimit = 64 * 1024

const uncarriableHint =
  'Read-only here: the value holds a NUL character or bytes that are not UTF-8, which a web form cannot send back unchanged. Change it with a SQL client.'

export interface FieldModelsInput {
  readonly fields: readonly FieldSpec[]
  readonly mode: FormMode
  readonly dialect: DialectName
  /** Edit (and conflict): the row the form starts from. */
  readonly stored: Readonly<Record<string, unknown>> | null
  /** Create: initial inputs by column (`?f.<col>=` from a reverse-relation "add" link). */
  readonly prefill?: Readonly<Record<string, string>>
  /** After a failed save: exactly what the user sent, which wins over `stored`. */
  readonly submitted?: ReadonlyMap<string, Submitted>
  readonly errors?: Readonly<Record<string, string>>
  readonly lookups?: ReadonlyMap<string, LookupModel>
}

/** The fields of a form as the view draws them: controls fitted to their values, NULL boxes, hints, errors. */
export function fieldModels(input: FieldModelsInput): FieldModel[] {
  return input.fields.map((field, index) => {
    const { column } = field
    const kind = kindOf(column)
    const storedValue = input.stored?.[column.name]
    // Each model written out whole: built as `{ ...base, control, … }` (object spread), the models kept every
    // request's page alive through V8's young-generation collections until the next full one (issue 9, measured
    // with --trace-gc-nvp on the edit form: 8.5 KB promoted a request, 1.7 KB written out).
    const model = (
      shown: Pick<FieldModel, 'control' | 'readOnlyText' | 'hint' | 'nullBox' | 'required'>,
    ): FieldModel => ({
      column: column.name,
      id: `field-${index}`,
      label: field.label,
      typeText: column.dataType || column.kind,
      name: fieldName.value(column.name),
      control: shown.control,
      readOnlyText: shown.readOnlyText,
      hint: shown.hint,
      help: field.help,
      error: ownValue(input.errors, column.name) ?? null,
      nullBox: shown.nullBox,
      required: shown.required,
    })
    if (field.readOnly) {
      const shown = input.stored
        ? kindOf(column).format(storedValue, column, { dialect: input.dialect }).text
        : 'set by the database'
      return model({ control: null, readOnlyText: shown, hint: field.readOnlyReason, nullBox: null, required: false })
    }
    const start = startingState(field, input, storedValue)
    if (start.type === 'value' && !pageCarries(start.input, input.dialect)) {
      // A NUL would vanish from the page: it is shown as the symbol for it.
      const shown = kind.format(storedValue, column, { dialect: input.dialect }).text.replace(/\u0000/g, '\u2400')
      return model({ control: null, readOnlyText: shown, hint: uncarriableHint, nullBox: null, required: false })
    }
    const emptyLabel = field.defaultOnEmpty ? '(default)' : column.nullable ? 'NULL' : '— choose —'
    let control: ControlModel
    if (field.widget.type === 'file-or-hex') {
      control = binaryControl(column.name, start, storedValue, input.mode)
    } else {
      control = fitControl(field.widget, start.type === 'value' ? start.input : null, emptyLabel)
      const lookup = input.lookups?.get(column.name)
      // A text input even for a numeric key: the picker searches by the row's label typed into it.
      if (lookup && control.type === 'input') control = { ...control, inputType: 'text', lookup }
    }
    const nullable =
      column.nullable && field.widget.type !== 'tristate' && !(control.type === 'select' && !field.defaultOnEmpty)
    return model({
      control,
      readOnlyText: null,
      hint: hintFor(field, kind.name),
      nullBox: nullable
        ? {
            name: fieldName.null(column.name),
            checked: start.type === 'null' || (start.type === 'value' && start.nullTicked === true),
          }
        : null,
      required: field.required,
    })
  })
}

type Start = Submitted

function startingState(field: FieldSpec, input: FieldModelsInput, storedValue: unknown): Start {
  const { column } = field
  const sent = input.submitted?.get(column.name)
  if (sent && sent.type !== 'keep') {
    if (sent.type === 'file')
      return sent.bytes.length <= hexEditLimit ? { type: 'value', input: sent.bytes.toString('hex') } : sent
    return sent
  }
  if (input.stored) {
    if (storedValue === null || storedValue === undefined) return { type: 'null' }
    return { type: 'value', input: kindOf(column).toInput(storedValue, column, input.dialect) }
  }
  const prefilled = ownValue(input.prefill, column.name)
  if (prefilled !== undefined) return { type: 'value', input: prefilled }
  if (field.defaultOnEmpty) return { type: 'default' }
  // A select starts with no choice, not with a choice that happens to be ''.
  return field.widget.type === 'select' ? { type: 'null' } : { type: 'value', input: '' }
}

function binaryControl(column: string, start: Start, storedValue: unknown, mode: FormMode): ControlModel {
  const common = { type: 'binary' as const, fileName: fieldName.file(column) }
  const stored = Buffer.isBuffer(storedValue) ? storedValue : null
  if (start.type === 'value' && (start.input.length <= hexEditLimit * 2 || !stored)) {
    return { ...common, value: start.input, keep: null }
  }
  if (mode === 'edit' && stored && stored.length > hexEditLimit) {
    const sizeText = `${stored.length.toLocaleString('en-US')} bytes`
    return { ...common, value: '', keep: { name: fieldName.keep(column), sizeText } }
  }
  return { ...common, value: '', keep: null }
}

function hintFor(field: FieldSpec, kind: string): string | null {
  const parts: string[] = []
  if (field.defaultOnEmpty) {
    const column = field.column
    parts.push(
      column.default !== null
        ? `Leave empty for the default (${column.default}).`
        : 'Leave empty to let the database assign it.',
    )
  } else if (field.emptyIsAbsent && field.column.nullable) {
    parts.push('Leave empty for NULL.')
  }
  if (field.keyForNewRow) parts.push('Save keeps this key; change it and choose Save as new to add a copy.')
  if (kind === 'array') parts.push('A list like {a,b} or ["a","b"].')
  if (kind === 'json') parts.push('JSON.')
  if (kind === 'interval') parts.push('Like 1 day 02:00:00 or 3 hours.')
  return parts.length > 0 ? parts.join(' ') : null
}
