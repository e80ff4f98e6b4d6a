import type { FieldModel } from '../../src/forms/field-model.js'

export function FieldLabel(props: { field: FieldModel }) {
  const { field } = props
  // The column and type line sits outside the <label>, so the control's accessible name is the label alone.
  return (
    <div>
      <label for={field.control ? field.id : undefined} class="block font-medium text-slate-800 dark:text-slate-200">
        {field.label}
        {field.required && (
          <span class="ml-1 text-red-700 dark:text-red-400" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <span class="block text-xs font-normal text-slate-600 dark:text-slate-400">
        {field.column} · {field.typeText}
      </span>
    </div>
  )
}
