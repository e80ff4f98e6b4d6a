import type { ReasonFieldModel } from '../../src/forms/change-reason.js'
import { controlClass } from '../widgets/control-classes.js'

/** "Reason for this change": kept with the audit entry, shown in the record's History. */
export function ReasonField(props: { field: ReasonFieldModel }) {
  const { field } = props
  const id = 'change-reason'
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = field.error ? `${errorId} ${hintId}` : hintId
  return (
    <div class="max-w-2xl space-y-1" data-field="_reason">
      <label for={id} class="block font-medium text-slate-800 dark:text-slate-200">
        Reason for this change
        {field.required ? (
          <span class="ml-1 text-red-700 dark:text-red-400" aria-hidden="true">
            *
          </span>
        ) : (
          <span class="ml-1 text-sm font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        )}
      </label>
      <textarea
        id={id}
        name={field.name}
        rows={2}
        required={field.required}
        aria-invalid={field.error ? 'true' : undefined}
        aria-describedby={describedBy}
        class={controlClass(field.error !== null)}
      >
        {field.value}
      </textarea>
      {field.error && (
        <p id={errorId} class="text-sm font-medium text-red-800 dark:text-red-300">
          {field.error}
        </p>
      )}
      <p id={hintId} class="text-xs text-slate-600 dark:text-slate-400">
        Kept with the change in the record's History.
      </p>
    </div>
  )
}
