import type { FieldsetSpec } from '../resources/form-options.js'
import type { ReasonFieldModel } from './change-reason.js'
import { fieldGroups, type FieldGroup } from './field-groups.js'
import type { FieldModel } from './field-model.js'

export interface FormButton {
  readonly value: string
  readonly label: string
  readonly primary: boolean
}

/** The create/edit form as views/pages/record-form-page.tsx draws it (see `recordFormModel`). */
export interface RecordFormModel {
  readonly action: string
  /** multipart/form-data when a binary field may carry an upload. */
  readonly multipart: boolean
  /** CSRF token, version token… */
  readonly hidden: readonly (readonly [string, string])[]
  readonly fields: readonly FieldModel[]
  /** The same fields as the page draws them: the config's fieldsets, then the rest. */
  readonly groups: readonly FieldGroup<FieldModel>[]
  /** A problem with the whole form (a database refusal that names no field, a row gone meanwhile). */
  readonly formError: string | null
  /** Labels of the fields with an error, for the summary at the top. */
  readonly invalidFields: readonly { readonly label: string; readonly id: string }[]
  /** The submit buttons, all named `_action`. */
  readonly buttons: readonly FormButton[]
  readonly cancelHref: string
  readonly deleteHref: string | null
  /** "Reason for this change", kept with the audit entry; null without the audit log. */
  readonly reason: ReasonFieldModel | null
}

/** What the submit buttons ask for after a successful save (post → redirect → get). */
export const saveActions = ['save', 'continue', 'another', 'saveAsNew'] as const
export type SaveAction = (typeof saveActions)[number]

export function saveActionOf(value: string | undefined): SaveAction {
  return saveActions.find((action) => action === value) ?? 'save'
}

const buttons: readonly FormButton[] = [
  { value: 'save', label: 'Save', primary: true },
  { value: 'continue', label: 'Save and continue editing', primary: false },
  { value: 'another', label: 'Save and add another', primary: false },
]

export interface FormModelInput {
  readonly action: string
  readonly fields: readonly FieldModel[]
  readonly hidden: readonly (readonly [string, string])[]
  readonly formError?: string | null
  readonly cancelHref: string
  readonly deleteHref?: string | null
  /** False when saving cannot succeed (the row is gone): the form stays, so the values can be copied. */
  readonly canSave?: boolean
  readonly buttonLabel?: string
  /** What one row is called inside a sentence, for the main button: "Save order". */
  readonly noun?: string
  readonly fieldsets?: readonly FieldsetSpec[]
  /** Edit: offer "Save as new" (the table allows it and the user may add rows). */
  readonly saveAsNew?: boolean
  readonly reason?: ReasonFieldModel | null
}

const saveAsNewButton: FormButton = { value: 'saveAsNew', label: 'Save as new', primary: false }

export function recordFormModel(input: FormModelInput): RecordFormModel {
  const canSave = input.canSave ?? true
  return {
    action: input.action,
    multipart: input.fields.some((field) => field.control?.type === 'binary'),
    hidden: input.hidden,
    fields: input.fields,
    groups: fieldGroups(
      input.fields,
      input.fieldsets ?? [],
      (field) => field.column,
      (field) => field.error !== null,
    ),
    formError: input.formError ?? null,
    invalidFields: [
      ...input.fields.filter((field) => field.error).map((field) => ({ label: field.label, id: field.id })),
      ...(input.reason?.error ? [{ label: 'Reason for this change', id: 'change-reason' }] : []),
    ],
    buttons: !canSave
      ? []
      : input.buttonLabel
        ? [{ value: 'save', label: input.buttonLabel, primary: true }]
        : (input.saveAsNew ? [...buttons, saveAsNewButton] : buttons).map((button) =>
            button.value === 'save' && input.noun ? { ...button, label: `Save ${input.noun}` } : button,
          ),
    cancelHref: input.cancelHref,
    deleteHref: input.deleteHref ?? null,
    reason: input.reason ?? null,
  }
}
