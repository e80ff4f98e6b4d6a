import type { HistoryChange, HistoryPageModel } from '../view-model.js'
import { Cell } from '../components/cell.js'

const actionText = { create: 'Created', update: 'Changed', delete: 'Deleted', action: 'Changed by an action' } as const

function ChangeValue(props: { cell: HistoryChange['before'] }) {
  return props.cell ? <Cell cell={props.cell} /> : <span class="text-slate-600 dark:text-slate-400">—</span>
}

/** A record's audit entries, newest first, each with a before → after table of its fields. */
export function HistoryPage(props: { model: HistoryPageModel }) {
  const { model } = props
  return (
    <div class="space-y-6">
      <p class="flex flex-wrap items-center gap-3 text-sm">
        {model.detailHref && <a href={model.detailHref}>Back to the record</a>}
        <a href={model.listHref}>Back to the list</a>
      </p>
      {model.entries.length === 0 && <p>No changes to this record have been recorded.</p>}
      <ol class="space-y-6">
        {model.entries.map((entry, i) => (
          <li>
            <section
              aria-labelledby={`entry-${i}`}
              class="space-y-2 rounded border border-slate-200 p-4 dark:border-slate-800"
            >
              <h2 id={`entry-${i}`} class="font-semibold">
                {actionText[entry.action]} by {entry.actor},{' '}
                <time datetime={entry.at} class="font-normal">
                  {entry.atText}
                </time>
              </h2>
              {entry.note && <p class="text-sm">{entry.note}</p>}
              {entry.reason && (
                <p class="text-sm break-words whitespace-pre-wrap">
                  <span class="font-medium">Reason:</span> {entry.reason}
                </p>
              )}
              {entry.changes.length > 0 ? (
                <table class="w-full text-left text-sm">
                  <caption class="sr-only">
                    Fields{' '}
                    {entry.action === 'create' ? 'written' : entry.action === 'delete' ? 'as they were' : 'changed'}
                  </caption>
                  <thead>
                    <tr class="border-b border-slate-200 dark:border-slate-800">
                      <th scope="col" class="py-1 pr-4">
                        Field
                      </th>
                      <th scope="col" class="py-1 pr-4">
                        Before
                      </th>
                      <th scope="col" class="py-1">
                        After
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {entry.changes.map((change) => (
                      <tr class="border-b border-slate-100 align-top dark:border-slate-900">
                        <th scope="row" class="py-1 pr-4 font-medium">
                          {change.field}
                        </th>
                        <td class="min-w-0 py-1 pr-4 break-words whitespace-pre-wrap">
                          <ChangeValue cell={change.before} />
                        </td>
                        <td class="min-w-0 py-1 break-words whitespace-pre-wrap">
                          <ChangeValue cell={change.after} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p class="text-sm">No field values were recorded.</p>
              )}
            </section>
          </li>
        ))}
      </ol>
      {model.cappedText && <p class="text-sm">{model.cappedText}</p>}
    </div>
  )
}
