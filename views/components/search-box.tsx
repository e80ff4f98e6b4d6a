import { html, raw } from 'hono/html'
import type { SearchBoxModel } from '../view-model.js'

/**
 * The search across tables. `data-search-box` marks the header's box, which `/` and Ctrl+K focus where
 * JavaScript runs; `id` tells apart the boxes of one page. Its button says "Find", so that "Search" stays the
 * name of a list's own search. A template: the header's box is on every page.
 */
export function SearchBox(props: { model: SearchBoxModel; id: string; label: string; header?: boolean }) {
  const { model, id, label } = props
  // On a phone the header's box takes a line of its own, so the header never scrolls sideways.
  const form = props.header
    ? 'order-last flex w-full items-center gap-1 sm:order-none sm:w-auto'
    : 'flex items-center gap-1'
  const caption = props.header ? 'sr-only' : 'text-sm font-medium'
  const shortcut = props.header
    ? raw(' placeholder="Search all tables (/)" autocomplete="off" data-search-box="" aria-keyshortcuts="/ Control+K"')
    : raw(' autocomplete="off"')
  return html`<form method="get" action="${model.action}" role="search" aria-label="${label}" class="${form}"><label for="${id}" class="${caption}">${label}</label><input id="${id}" type="search" name="q" value="${model.q}"${shortcut} class="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm sm:w-64 sm:flex-none dark:border-slate-700 dark:bg-slate-950"/><button type="submit" class="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">Find</button></form>`
}
