import type { FieldGroup } from '../../src/forms/field-groups.js'
import type { DetailField, DetailPageModel } from '../view-model.js'
import { Cell } from '../components/cell.js'
import { DataTable } from '../components/data-table.js'
import { DeveloperDetails } from '../components/developer-details.js'
import { HiddenFields } from '../components/hidden-fields.js'
import { ReadOnlyNote } from '../components/read-only-note.js'

const buttonClass =
  'rounded border border-slate-300 px-3 py-1 text-sm no-underline hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'

export function DetailPage(props: { model: DetailPageModel }) {
  const { model } = props
  return (
    <div class="space-y-6">
      <div class="flex flex-wrap items-center gap-3">
        {model.editHref && (
          <a href={model.editHref} class={buttonClass}>
            Edit
          </a>
        )}
        {model.deleteHref && (
          <a href={model.deleteHref} class={buttonClass}>
            Delete
          </a>
        )}
        {model.historyHref && (
          <a href={model.historyHref} class={buttonClass}>
            History
          </a>
        )}
        {model.actions.map((action) =>
          action.post ? (
            <form method="post" action={action.href} class="inline">
              <HiddenFields pairs={model.actionHidden} />
              <button type="submit" class={buttonClass}>
                {action.label}
              </button>
            </form>
          ) : (
            <a href={action.href} class={buttonClass}>
              {action.label}
            </a>
          ),
        )}
        <a href={model.listHref} class="text-sm">
          Back to the list
        </a>
        {(model.prevHref || model.nextHref) && (
          <nav aria-label="Rows of the list" class="flex gap-3 text-sm">
            {model.prevHref && (
              <a href={model.prevHref} rel="prev">
                ← Previous
              </a>
            )}
            {model.nextHref && (
              <a href={model.nextHref} rel="next">
                Next →
              </a>
            )}
          </nav>
        )}
      </div>
      <ReadOnlyNote reasons={model.readOnlyReasons} />
      {model.duplicated && (
        <p
          role="status"
          class="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          More than one row has exactly these values; this is the first of them.
        </p>
      )}
      {model.groups.map((group, i) => (
        <DetailGroup group={group} index={i} />
      ))}
      <DeveloperDetails
        lines={[
          model.kindLabel,
          ...model.groups.flatMap((group) => group.fields.map((field) => `${field.name} · ${field.type}`)),
        ]}
      />
      {model.related.length > 0 && (
        <div class="space-y-6">
          <h2 class="text-lg font-semibold">Related rows</h2>
          {model.related.map((panel, i) => (
            <section aria-labelledby={`related-${i}`} class="space-y-2">
              <h3 id={`related-${i}`} class="font-semibold">
                {panel.title} <span class="font-normal text-slate-700 dark:text-slate-300">({panel.countText})</span>
              </h3>
              <p class="text-xs text-slate-600 dark:text-slate-400">via {panel.via}</p>
              {panel.error ? (
                <p role="alert" class="text-red-800 dark:text-red-300">
                  {panel.error}
                </p>
              ) : (
                <>
                  {panel.rows.length > 0 && (
                    <DataTable
                      caption={panel.title}
                      columns={panel.columns.map((label) => ({
                        name: label,
                        label,
                        sortHref: '',
                        sorted: null,
                        numeric: false,
                      }))}
                      rows={panel.rows}
                      empty="None."
                    />
                  )}
                  <p class="flex flex-wrap items-center gap-3">
                    <a href={panel.listHref}>{panel.listLabel}</a>
                    {panel.addHref && (
                      <a href={panel.addHref} class={buttonClass}>
                        {panel.addLabel}
                      </a>
                    )}
                  </p>
                </>
              )}
            </section>
          ))}
        </div>
      )}
    </div>
  )
}

const fieldList =
  'grid grid-cols-1 gap-x-6 gap-y-2 rounded border border-slate-200 p-4 sm:grid-cols-[minmax(8rem,14rem)_1fr] dark:border-slate-800'

/** A config fieldset as a titled section (a collapsed one inside <details>), or the untitled rest. */
function DetailGroup(props: { group: FieldGroup<DetailField>; index: number }) {
  const { group } = props
  const list = (
    <dl class={fieldList}>
      {group.fields.map((field) => (
        <>
          <dt class="font-medium text-slate-800 dark:text-slate-200" data-field={field.name}>
            {field.label}
          </dt>
          <dd class="min-w-0 break-words whitespace-pre-wrap">
            <Cell cell={field.cell} />
          </dd>
        </>
      ))}
    </dl>
  )
  if (group.title === null) return list
  const description = group.description && <p class="text-sm text-slate-700 dark:text-slate-300">{group.description}</p>
  if (group.collapsible)
    return (
      <details class="space-y-2" open={group.open}>
        <summary class="cursor-pointer text-lg font-semibold">{group.title}</summary>
        {description}
        {list}
      </details>
    )
  const id = `fieldset-${props.index}`
  return (
    <section aria-labelledby={id} class="space-y-2">
      <h2 id={id} class="text-lg font-semibold">
        {group.title}
      </h2>
      {description}
      {list}
    </section>
  )
}
