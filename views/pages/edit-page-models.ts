// View models of the write half's pages (create/edit form, conflict, delete). Decided in src/forms and src/http.
import type { FieldModel } from '../widgets/field-model.js'

export interface FormButton {
  readonly value: string
  readonly label: string
  readonly primary: boolean
}

export interface RecordFormModel {
  readonly action: string
  /** multipart/form-data when a binary field may carry an upload. */
  readonly multipart: boolean
  /** CSRF token, version token… */
  readonly hidden: readonly (readonly [string, string])[]
  readonly fields: readonly FieldModel[]
  /** A problem with the whole form (a database refusal that names no field, a row gone meanwhile). */
  readonly formError: string | null
  /** Labels of the fields with an error, for the summary at the top. */
  readonly invalidFields: readonly { readonly label: string; readonly id: string }[]
  /** The submit buttons, all named `_action`. */
  readonly buttons: readonly FormButton[]
  readonly cancelHref: string
  readonly deleteHref: string | null
}

export interface ConflictRow {
  readonly label: string
  readonly column: string
  readonly yours: string
  readonly theirs: string
  /** Both you and they changed it: re-applying overwrites their value. */
  readonly bothChanged: boolean
}

export interface ConflictPageModel {
  readonly conflicts: readonly ConflictRow[]
  /** The form again, with your changes over the current row and a fresh version: saving re-applies them. */
  readonly form: RecordFormModel
  /** Start over from the current row, dropping your changes. */
  readonly reloadHref: string
}

export interface DeleteEffectModel {
  readonly table: string
  readonly via: string
  readonly countText: string
  /** Indent for rows reached through other deleted rows. */
  readonly depth: number
}

export interface DeletePageModel {
  readonly summary: string
  readonly records: readonly { readonly label: string; readonly href: string | null }[]
  readonly moreRecords: number
  readonly cascades: readonly DeleteEffectModel[]
  readonly cleared: readonly DeleteEffectModel[]
  readonly blockers: readonly DeleteEffectModel[]
  /** The walk stopped at its limits, or could not run: say so rather than promise completeness. */
  readonly warning: string | null
  readonly error: string | null
  readonly blocked: boolean
  readonly action: string
  readonly hidden: readonly (readonly [string, string])[]
  readonly cancelHref: string
}
