import type { ActionField } from '../../src/forms/action-form.js'
import { HiddenFields } from '../components/hidden-fields.js'
import { ReasonField } from '../components/reason-field.js'
import { controlClass } from '../widgets/control-classes.js'
import type { ActionPageModel } from './edit-page-models.js'
import { RecordsToConfirm } from '../components/records-to-confirm.js'

function Field(props: { field: ActionField; index: number }) {
  const { field } = props
  const id = `action-field-${props.index}`
  const errorId = `${id}-error`
  const described = field.error ? { 'aria-describedby': errorId, 'aria-invalid': 'true' as const } : {}
  const label = (
    <label for={id} class="block font-medium text-slate-800 dark:text-slate-200">
      {field.label}
      {field.required && (
        <span class="ml-1 text-red-700 dark:text-red-400" aria-hidden="true">
          *
        </span>
      )}
    </label>
  )
  const error = field.error && (
    <p id={errorId} class="text-sm text-red-800 dark:text-red-300">
      {field.error}
    </p>
  )
  if (field.control === 'checkbox')
    return (
      <div class="space-y-1">
        <div class="flex items-center gap-2">
          <input id={id} type="checkbox" name={field.name} checked={field.checked} {...described} />
          {label}
        </div>
        {error}
      </div>
    )
  return (
    <div class="max-w-md space-y-1">
      {label}
      {field.control === 'select' ? (
        <select id={id} name={field.name} required={field.required} class={controlClass(!!field.error)} {...described}>
          {!field.required || field.value === '' ? <option value="">—</option> : null}
          {field.options.map((option) => (
            <option value={option} selected={option === field.value}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.control === 'number' ? 'number' : 'text'}
          step={field.control === 'number' ? 'any' : undefined}
          name={field.name}
          value={field.value}
          required={field.required}
          class={controlClass(!!field.error)}
          {...described}
        />
      )}
      {error}
    </div>
  )
}

/** Asks before a custom action runs: the rows it runs on, its small form when it has one, Run or Cancel. */
export function ActionPage(props: { model: ActionPageModel }) {
  const { model } = props
  return (
    <div class="max-w-3xl space-y-5">
      <RecordsToConfirm
        question={model.question}
        records={model.records}
        moreRecords={model.moreRecords}
        error={model.error}
      />
      <form method="post" action={model.action} novalidate class="space-y-4">
        <HiddenFields pairs={model.hidden} />
        {model.fields.map((field, index) => (
          <Field field={field} index={index} />
        ))}
        {model.reason && <ReasonField field={model.reason} />}
        <div class="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            class="rounded border border-sky-700 bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
          >
            {model.runLabel}
          </button>
          <a href={model.cancelHref} class="text-sm">
            Cancel
          </a>
        </div>
      </form>
    </div>
  )
}
