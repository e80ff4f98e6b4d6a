import { AuditFeedTable } from '../components/audit-feed-table.js'
import { controlClass } from '../widgets/control-classes.js'
import type { AuditFeedModel } from '../view-model.js'

const buttonClass =
  'rounded border border-slate-300 px-3 py-1 text-sm no-underline hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'
const label = 'block text-sm font-medium'

/** Every recorded change, newest first, with filters by user, table, action and day. Works without JavaScript. */
export function AuditPage(props: { model: AuditFeedModel }) {
  const { model } = props
  const f = model.filters
  return (
    <div class="space-y-6">
      <form method="get" action={model.action} class="flex max-w-5xl flex-wrap items-end gap-3">
        <div class="w-44">
          <label for="audit-actor" class={label}>
            User
          </label>
          <input id="audit-actor" name="actor" value={f.actor} class={controlClass(false)} />
        </div>
        <div class="w-72 max-w-full">
          <label for="audit-table" class={label}>
            Table
          </label>
          <select id="audit-table" name="table" class={controlClass(false)}>
            <option value="">Any</option>
            {model.tables.map((table) => (
              <option value={table.value} selected={table.value === f.table}>
                {table.label}
              </option>
            ))}
          </select>
        </div>
        <div class="w-44">
          <label for="audit-action" class={label}>
            Action
          </label>
          <select id="audit-action" name="action" class={controlClass(false)}>
            <option value="">Any</option>
            <option value="create" selected={f.action === 'create'}>
              Added
            </option>
            <option value="update" selected={f.action === 'update'}>
              Changed
            </option>
            <option value="delete" selected={f.action === 'delete'}>
              Deleted
            </option>
            <option value="action" selected={f.action === 'action'}>
              Action
            </option>
          </select>
        </div>
        <div class="w-44">
          <label for="audit-from" class={label}>
            From (UTC)
          </label>
          <input id="audit-from" type="date" name="from" value={f.from} class={controlClass(false)} />
        </div>
        <div class="w-44">
          <label for="audit-to" class={label}>
            To (UTC)
          </label>
          <input id="audit-to" type="date" name="to" value={f.to} class={controlClass(false)} />
        </div>
        <div class="flex items-end gap-3 pb-1">
          <button type="submit" class={buttonClass}>
            Filter
          </button>
          <a href={model.action}>Clear</a>
        </div>
      </form>
      {model.rows.length === 0 ? (
        <p>No recorded changes match.</p>
      ) : (
        <AuditFeedTable rows={model.rows} caption="Recorded changes, newest first" />
      )}
      <p class="flex gap-4 text-sm">
        {model.newestHref && <a href={model.newestHref}>Newest</a>}
        {model.olderHref && <a href={model.olderHref}>Older changes</a>}
      </p>
    </div>
  )
}
