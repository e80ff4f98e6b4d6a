import { html } from 'hono/html'
import type { NavGroup, NavPage } from '../view-model.js'

/**
 * Tables grouped by schema; the filter box is revealed and wired by the static script (it needs JS to work).
 * Written as a template rather than an element tree: it is on every page and grows with the schema (a database
 * of hundreds of tables), and walking a tree of it cost more than the list's rows (issue 9). For the same reason its
 * headings, links and tags are styled from `st-nav` (styles.css), not by classes on each.
 */
export function TableNav(props: { groups: readonly NavGroup[]; pages: readonly NavPage[] }) {
  const pages =
    props.pages.length > 0 &&
    html`<div class="mb-4"><h2>Pages</h2><ul>${props.pages.map(
      (item) => html`<li>${navLink(item.href, item.current, item.label, undefined)}</li>`,
    )}</ul></div>`
  const groups = props.groups.map(
    (group) =>
      html`<div data-nav-group="true" class="mb-4"><h2>${group.schema}</h2><ul>${group.items.map(
        (item) =>
          html`<li data-nav-item="true" data-name="${`${item.label} ${item.name}`.toLowerCase()}">${navLink(
            item.href,
            item.current,
            item.label,
            item.tag,
          )}</li>`,
      )}</ul></div>`,
  )
  return html`<nav id="nav" aria-label="Tables" class="st-nav order-2 border-t border-slate-200 bg-slate-50 px-3 py-4 md:sticky md:top-11 md:order-1 md:h-[calc(100vh-2.75rem)] md:w-64 md:shrink-0 md:overflow-y-auto md:border-t-0 md:border-r dark:border-slate-800 dark:bg-slate-900"><div data-nav-filter="true" hidden="" class="mb-3"><label for="nav-filter" class="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">Filter tables</label><input id="nav-filter" type="search" autocomplete="off" class="w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"/></div>${pages}${groups}</nav>`
}

function navLink(href: string, current: boolean, label: string, tag: string | undefined | null) {
  const tagHtml = tag ? html`<span>${tag}</span>` : ''
  return current
    ? html`<a href="${href}" aria-current="page"><span>${label}</span>${tagHtml}</a>`
    : html`<a href="${href}"><span>${label}</span>${tagHtml}</a>`
}
