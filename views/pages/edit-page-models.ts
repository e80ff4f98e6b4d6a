// View models of the write half's conflict, delete and action pages, decided in src/http. The create/edit form's own
// model is RecordFormModel (src/forms/form-page-model.ts).
import type { ActionField } from '../../src/forms/action-form.js'
import type { ReasonFieldModel } from '../../src/forms/change-reason.js'
import type { RecordFormModel } from '../../src/forms/form-page-model.js'

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
  /** The rows in words: "46 orders", "1,000+ orders". */
  readonly countText: string
  /** The list of exactly those rows, when a list filter can name them. */
  readonly href: string | null
  /** The field(s) of those rows that refer to the deleted ones, by their labels: "Customer". */
  readonly via: string
  /** What happens to them when the heading does not say it ("will be kept, with the customer cleared"). */
  readonly note: string | null
  /** Indent for rows reached through other deleted rows. */
  readonly depth: number
  /** The foreign key and its ON DELETE rule, for the developer details. */
  readonly technical: string
}

/** A row a delete or an action is about to change, by its label; linked where the user may open it. */
export interface RecordToConfirm {
  readonly label: string
  readonly href: string | null
}

export interface DeletePageModel {
  readonly summary: string
  readonly records: readonly RecordToConfirm[]
  readonly moreRecords: number
  readonly cascades: readonly DeleteEffectModel[]
  readonly cleared: readonly DeleteEffectModel[]
  readonly blockers: readonly DeleteEffectModel[]
  /** The walk stopped at its limits, or could not run: say so rather than promise completeness. */
  readonly warning: string | null
  readonly error: string | null
  readonly blocked: boolean
  /** Why the delete cannot go ahead, in words ("This customer cannot be deleted yet: …"). */
  readonly blockedText: string
  readonly action: string
  readonly hidden: readonly (readonly [string, string])[]
  readonly cancelHref: string
  /** "Reason for this change", kept with the audit entries; null without the audit log. */
  readonly reason: ReasonFieldModel | null
}

/** A custom action's confirm step and/or small form (see src/http/routes/action-routes.tsx). */
export interface ActionPageModel {
  /** The confirm question (the action's own, or a generic one). */
  readonly question: string
  readonly records: readonly RecordToConfirm[]
  readonly moreRecords: number
  readonly fields: readonly ActionField[]
  /** A refusal, a failure, or a message about the form as a whole. */
  readonly error: string | null
  readonly action: string
  readonly hidden: readonly (readonly [string, string])[]
  readonly runLabel: string
  readonly cancelHref: string
  /** "Reason for this change", kept with the audit entries; null without the audit log. */
  readonly reason: ReasonFieldModel | null
}
