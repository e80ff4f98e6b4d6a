import { html } from 'hono/html'

/**
 * Facts for whoever maintains the database (the qualified table name, column types, foreign-key rules),
 * collapsed so that the page's main text speaks the user's language.
 */
export function DeveloperDetails(props: { lines: readonly string[] }) {
  if (props.lines.length === 0) return null
  const items = props.lines.map((line) => html`<li>${line}</li>`)
  return html`<details class="text-sm text-slate-700 dark:text-slate-300" data-developer-details="true"><summary class="cursor-pointer py-1">Developer details</summary><ul class="mt-1 space-y-0.5 pl-4 font-mono text-xs">${items}</ul></details>`
}
