import { html } from 'hono/html'
import type { SearchBoxModel } from '../view-model.js'

const input =
  'min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm sm:w-64 sm:flex-none dark:border-slate-700 dark:bg-slate-950'
const button =
  'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'

/**
 * The search across tables. `data-search-box` marks the header's box, which `/` and Ctrl+K focus where
 * JavaScript runs; `id` tells apart the boxes of one page. Its button says "Find", so that "Search" stays the
 * name of a list's own search. A template: the header's box is on every page.
 */
export function SearchBox(props: { model: SearchBoxModel; id: string; label: string; header?: boolean }) {
  const { model, id, label } = props
  if (props.header) {
    // On a phone the header's box takes a line of its own, so the header never scrolls sideways.
    return html`<form method="get" action="${model.action}" role="search" aria-label="${label}" class="order-last flex w-full items-center gap-1 sm:order-none sm:w-auto"><label for="${id}" class="sr-only">${label}</label><input id="${id}" type="search" name="q" value="${model.q}" placeholder="Search all tables (/)" autocomplete="off" data-search-box="" aria-keyshortcuts="/ Control+K" class="${input}"/><button type="submit" class="${button}">Find</button></form>`
  }
  return html`<form method="get" action="${model.action}" role="search" aria-label="${label}" class="flex items-center gap-1"><label for="${id}" class="text-sm font-medium">${label}</label><input id="${id}" type="search" name="q" value="${model.q}" autocomplete="off" class="${input}"/><button type="submit" class="${button}">Find</button></form>`
}
