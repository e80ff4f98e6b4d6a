import { AuditFeedTable } from '../components/audit-feed-table.js'
import { SearchBox } from '../components/search-box.js'
import type { IndexPageModel } from '../view-model.js'

export function IndexPage(props: { model: IndexPageModel }) {
  return (
    <div class="space-y-8">
      <SearchBox model={props.model.search} id="index-search" label="Search all tables for" />
      {props.model.groups.map((group, i) => (
        <section aria-labelledby={`schema-${i}`}>
          <h2 id={`schema-${i}`} class="mb-2 text-lg font-semibold">
            Schema {group.schema}
          </h2>
          <div class="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
            <table class="w-full text-sm">
              <caption class="sr-only">Tables and views in schema {group.schema}</caption>
              <thead class="bg-slate-50 text-left dark:bg-slate-900">
                <tr>
                  <th scope="col" class="px-3 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" class="px-3 py-2 font-medium">
                    Type
                  </th>
                  <th scope="col" class="px-3 py-2 text-right font-medium">
                    Rows
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.entries.map((entry) => (
                  <tr class="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" class="px-3 py-2 text-left font-normal">
                      <a href={entry.href}>{entry.label}</a>
                      {entry.label !== entry.name && (
                        <span class="ml-2 text-xs text-slate-600 dark:text-slate-400">{entry.name}</span>
                      )}
                    </th>
                    <td class="px-3 py-2 text-slate-700 dark:text-slate-300">
                      {entry.kindLabel}
                      {entry.readOnly && (
                        <span class="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                          read-only
                        </span>
                      )}
                    </td>
                    <td class="px-3 py-2 text-right tabular-nums" title={entry.countTitle}>
                      {entry.countText}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {props.model.recent && (
        <section aria-labelledby="recent-actions">
          <div class="mb-2 flex items-baseline gap-4">
            <h2 id="recent-actions" class="text-lg font-semibold">
              Recent actions
            </h2>
            <a href={props.model.recent.allHref} class="text-sm">
              All recorded changes
            </a>
          </div>
          {props.model.recent.rows.length === 0 ? (
            <p class="text-sm">Nothing has been changed here yet.</p>
          ) : (
            <AuditFeedTable rows={props.model.recent.rows} caption="The latest recorded changes" />
          )}
        </section>
      )}
    </div>
  )
}
