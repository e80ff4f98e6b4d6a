import { html } from 'hono/html'

export function ReadOnlyNote(props: { reasons: readonly string[] }) {
  if (props.reasons.length === 0) return null
  return html`<p class="text-sm text-slate-700 dark:text-slate-300"><span class="mr-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium dark:bg-slate-800">read-only</span>because ${props.reasons.join(', and ')}.</p>`
}
