import type { FieldModel } from '../../src/forms/field-model.js'

export function FieldLabel(props: { field: FieldModel }) {
  const { field } = props
  // The column and its type are in the form's developer details, not beside every label.
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
    </div>
  )
}
