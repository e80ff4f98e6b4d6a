import { DeveloperDetails } from '../components/developer-details.js'
import { HiddenFields } from '../components/hidden-fields.js'
import { ReasonField } from '../components/reason-field.js'
import { FormField } from '../widgets/form-field.js'
import type { FieldGroup } from '../../src/forms/field-groups.js'
import type { FieldModel } from '../../src/forms/field-model.js'
import type { RecordFormModel } from '../../src/forms/form-page-model.js'

const buttonBase = 'rounded border px-3 py-1.5 text-sm font-medium'
const primary = `${buttonBase} border-sky-700 bg-sky-700 text-white hover:bg-sky-800 dark:border-sky-500 dark:bg-sky-700`
const secondary = `${buttonBase} border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`

/** The create and edit form. Everything typed comes back in it after a failed save. */
export function RecordForm(props: { model: RecordFormModel }) {
  const { model } = props
  return (
    <form
      method="post"
      action={model.action}
      enctype={model.multipart ? 'multipart/form-data' : undefined}
      class="max-w-4xl space-y-2"
      novalidate
    >
      <HiddenFields pairs={model.hidden} />
      {(model.formError || model.invalidFields.length > 0) && (
        <div
          role="alert"
          class="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
        >
          {model.formError && <p>{model.formError}</p>}
          {model.invalidFields.length > 0 && (
            <p>
              Please correct:{' '}
              {model.invalidFields.map((field, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`#${field.id}`}>{field.label}</a>
                </>
              ))}
              . Nothing was saved.
            </p>
          )}
        </div>
      )}
      {model.groups.map((group) => (
        <FieldGroupBox group={group} />
      ))}
      {model.reason && model.buttons.length > 0 && (
        <div class="pt-2">
          <ReasonField field={model.reason} />
        </div>
      )}
      <div class="flex flex-wrap items-center gap-3 pt-2">
        {model.buttons.map((button) => (
          <button type="submit" name="_action" value={button.value} class={button.primary ? primary : secondary}>
            {button.label}
          </button>
        ))}
        <a href={model.cancelHref} class="text-sm">
          Cancel
        </a>
        {model.deleteHref && (
          <a href={model.deleteHref} class="ml-auto text-sm text-red-800 dark:text-red-300">
            Delete…
          </a>
        )}
      </div>
      <DeveloperDetails lines={model.fields.map((field) => `${field.column} · ${field.typeText}`)} />
    </form>
  )
}

const box = 'rounded border border-slate-200 px-4 dark:border-slate-800'
const rows = 'divide-y divide-slate-200 dark:divide-slate-800'
const titleText = 'font-semibold text-slate-900 dark:text-slate-100'

/** A config fieldset as <fieldset><legend> (a collapsed one inside <details>), or the untitled rest. */
function FieldGroupBox(props: { group: FieldGroup<FieldModel> }) {
  const { group } = props
  const fields = (
    <div class={rows}>
      {group.fields.map((field) => (
        <FormField field={field} />
      ))}
    </div>
  )
  if (group.title === null) return <div class={box}>{fields}</div>
  const description = group.description && (
    <p class="pb-1 text-sm text-slate-700 dark:text-slate-300">{group.description}</p>
  )
  if (group.collapsible)
    return (
      <details class={`${box} py-2`} open={group.open}>
        <summary class={`cursor-pointer ${titleText}`}>{group.title}</summary>
        <fieldset>
          <legend class="sr-only">{group.title}</legend>
          {description}
          {fields}
        </fieldset>
      </details>
    )
  return (
    <fieldset class={`${box} pt-2`}>
      <legend class={`px-1 ${titleText}`}>{group.title}</legend>
      {description}
      {fields}
    </fieldset>
  )
}
