import type { ConflictPageModel } from './edit-page-models.js'
import { RecordForm } from './record-form-page.js'

/** Someone saved this row after the form was loaded: show both sides, then the form to re-apply. */
export function ConflictPage(props: { model: ConflictPageModel }) {
  const { model } = props
  return (
    <div class="space-y-6">
      <div
        role="alert"
        class="max-w-4xl rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      >
        <p class="font-medium">This row was changed by someone else after you opened the form. Nothing was saved.</p>
        <p class="text-sm">
          Check the fields below. Saving the form again writes your changes over the current row; or{' '}
          <a href={model.reloadHref}>start again from the current values</a>.
        </p>
      </div>
      <div class="max-w-4xl overflow-x-auto">
        <table class="w-full border-collapse text-sm">
          <caption class="mb-2 text-left font-semibold">Fields changed since you loaded the form</caption>
          <thead>
            <tr class="border-b border-slate-300 text-left dark:border-slate-700">
              <th scope="col" class="py-1 pr-4">
                Field
              </th>
              <th scope="col" class="py-1 pr-4">
                Your value
              </th>
              <th scope="col" class="py-1 pr-4">
                Current value
              </th>
            </tr>
          </thead>
          <tbody>
            {model.conflicts.map((row) => (
              <tr class="border-b border-slate-200 align-top dark:border-slate-800">
                <th scope="row" class="py-1 pr-4 text-left font-medium">
                  {row.label}
                  {row.bothChanged && (
                    <span class="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                      both changed
                    </span>
                  )}
                </th>
                <td class="py-1 pr-4 font-mono break-all whitespace-pre-wrap">{row.yours}</td>
                <td class="py-1 pr-4 font-mono break-all whitespace-pre-wrap">{row.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RecordForm model={model.form} />
    </div>
  )
}
