import type { AuditFeedRow } from '../view-model.js'

/** Recorded changes as a table: when, who, what, which record (linked to its history), which fields. */
export function AuditFeedTable(props: { rows: readonly AuditFeedRow[]; caption: string }) {
  return (
    <div class="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
      <table class="w-full text-sm">
        <caption class="sr-only">{props.caption}</caption>
        <thead class="bg-slate-50 text-left dark:bg-slate-900">
          <tr>
            <th scope="col" class="px-3 py-2 font-medium">
              When
            </th>
            <th scope="col" class="px-3 py-2 font-medium">
              Who
            </th>
            <th scope="col" class="px-3 py-2 font-medium">
              What
            </th>
            <th scope="col" class="px-3 py-2 font-medium">
              Record
            </th>
            <th scope="col" class="px-3 py-2 font-medium">
              Fields
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr class="border-t border-slate-200 align-top dark:border-slate-800">
              <td class="px-3 py-2 whitespace-nowrap tabular-nums">
                <time datetime={row.at}>{row.atText}</time>
              </td>
              <td class="px-3 py-2">{row.actor}</td>
              <td class="px-3 py-2">
                {row.action}
                {row.note && <span class="block text-xs text-slate-600 dark:text-slate-400">{row.note}</span>}
                {row.reason && (
                  <span class="block text-xs break-words text-slate-700 dark:text-slate-300">Reason: {row.reason}</span>
                )}
              </td>
              <td class="max-w-xs px-3 py-2 break-words">
                {row.tableLabel}{' '}
                {row.historyHref ? (
                  <a href={row.historyHref} class="font-mono">
                    {row.record}
                  </a>
                ) : (
                  <span class="font-mono">{row.record}</span>
                )}
              </td>
              <td class="px-3 py-2 text-slate-700 dark:text-slate-300">{row.fields}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
