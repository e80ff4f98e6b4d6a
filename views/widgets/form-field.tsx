import type { FieldModel } from '../../src/forms/field-model.js'
import { BinaryControl } from './binary-control.js'
import { CheckboxControl, SelectControl } from './choice-controls.js'
import { FieldLabel } from './field-label.js'
import { TextControl } from './text-control.js'
import { TextareaControl } from './textarea-control.js'

/** One row of a form: label, control (or read-only value), the NULL choice, hint and error. */
export function FormField(props: { field: FieldModel }) {
  const { field } = props
  const invalid = field.error !== null
  const hintId = field.hint ? `${field.id}-hint` : undefined
  const helpId = field.help ? `${field.id}-help` : undefined
  const errorId = invalid ? `${field.id}-error` : undefined
  const describedBy = [errorId, helpId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div class="grid grid-cols-1 gap-x-6 gap-y-1 py-3 sm:grid-cols-[minmax(8rem,14rem)_1fr]" data-field={field.column}>
      <FieldLabel field={field} />
      <div class="min-w-0 space-y-1">
        {field.control ? (
          <Control field={field} describedBy={describedBy} invalid={invalid} />
        ) : (
          <p class="break-words whitespace-pre-wrap text-slate-700 dark:text-slate-300">{field.readOnlyText}</p>
        )}
        {field.nullBox && (
          <label class="inline-flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input
              type="checkbox"
              name={field.nullBox.name}
              value="1"
              checked={field.nullBox.checked}
              data-null-for={field.id}
              class="size-4"
            />
            <span class="sr-only">{field.label}: </span>NULL
          </label>
        )}
        {field.theirs !== undefined && (
          <p class="text-sm text-amber-900 dark:text-amber-200">
            Saved meanwhile by someone else: <span class="font-mono">{field.theirs ?? 'NULL'}</span>
          </p>
        )}
        {field.error && (
          <p id={errorId} class="text-sm font-medium text-red-800 dark:text-red-300">
            {field.error}
          </p>
        )}
        {field.help && (
          <p id={helpId} class="text-sm text-slate-700 dark:text-slate-300">
            {field.help}
          </p>
        )}
        {field.hint && (
          <p id={hintId} class="text-xs text-slate-600 dark:text-slate-400">
            {field.hint}
          </p>
        )}
      </div>
    </div>
  )
}

function Control(props: { field: FieldModel; describedBy: string | undefined; invalid: boolean }) {
  const { field, describedBy, invalid } = props
  const control = field.control!
  const common = { id: field.id, name: field.name, describedBy, invalid }
  switch (control.type) {
    case 'input':
      return <TextControl {...common} control={control} required={field.required} />
    case 'textarea':
      return <TextareaControl {...common} control={control} />
    case 'checkbox':
      return <CheckboxControl id={field.id} name={field.name} checked={control.checked} describedBy={describedBy} />
    case 'select':
      return <SelectControl {...common} control={control} />
    case 'binary':
      return <BinaryControl {...common} control={control} />
  }
}
