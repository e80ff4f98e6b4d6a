import { html } from 'hono/html'
import type { Crumb } from '../view-model.js'

/** Where the page is: Home / schema / table / row. A template, as the rest of the page frame. */
export function Breadcrumbs(props: { crumbs: readonly Crumb[] }) {
  const { crumbs } = props
  if (crumbs.length === 0) return null
  const items = crumbs.map((crumb, i) => {
    const slash = i > 0 ? html`<span aria-hidden="true">/</span>` : ''
    // A link-less crumb before the last (the schema) is not the current page.
    const label = crumb.href
      ? html`<a href="${crumb.href}">${crumb.label}</a>`
      : i === crumbs.length - 1
        ? html`<span aria-current="page">${crumb.label}</span>`
        : html`<span>${crumb.label}</span>`
    return html`<li class="flex gap-1">${slash}${label}</li>`
  })
  return html`<nav aria-label="Breadcrumb" class="mb-2 text-sm text-slate-600 dark:text-slate-400"><ol class="flex flex-wrap gap-1">${items}</ol></nav>`
}
