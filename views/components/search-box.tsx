import type { SearchBoxModel } from '../view-model.js'

/**
 * The search across tables. `data-search-box` marks the header's box, which `/` and Ctrl+K focus where
 * JavaScript runs; `id` tells apart the boxes of one page. Its button says "Find", so that "Search" stays the
 * name of a list's own search.
 */
export function SearchBox(props: { model: SearchBoxModel; id: string; label: string; header?: boolean }) {
  const { model } = props
  return (
    <form method="get" action={model.action} role="search" aria-label={props.label} class="flex items-center gap-1">
      <label for={props.id} class={props.header ? 'sr-only' : 'text-sm font-medium'}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="search"
        name="q"
        value={model.q}
        placeholder={props.header ? 'Search all tables (/)' : undefined}
        autocomplete="off"
        data-search-box={props.header ? '' : undefined}
        aria-keyshortcuts={props.header ? '/ Control+K' : undefined}
        class="w-40 min-w-0 rounded border border-slate-300 bg-white px-2 py-1 text-sm sm:w-64 dark:border-slate-700 dark:bg-slate-950"
      />
      <button
        type="submit"
        class="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Find
      </button>
    </form>
  )
}
