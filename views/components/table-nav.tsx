import type { Child } from 'hono/jsx'
import type { NavGroup, NavPage } from '../view-model.js'

/** Tables grouped by schema; the filter box is revealed and wired by the static script (it needs JS to work). */
export function TableNav(props: { groups: readonly NavGroup[]; pages: readonly NavPage[] }) {
  return (
    <nav
      id="nav"
      aria-label="Tables"
      class="order-2 border-t border-slate-200 bg-slate-50 px-3 py-4 md:sticky md:top-11 md:order-1 md:h-[calc(100vh-2.75rem)] md:w-64 md:shrink-0 md:overflow-y-auto md:border-t-0 md:border-r dark:border-slate-800 dark:bg-slate-900"
    >
      <div data-nav-filter hidden class="mb-3">
        <label for="nav-filter" class="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
          Filter tables
        </label>
        <input
          id="nav-filter"
          type="search"
          autocomplete="off"
          class="w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
      </div>
      {props.pages.length > 0 && (
        <div class="mb-4">
          <h2 class="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
            Pages
          </h2>
          <ul>
            {props.pages.map((item) => (
              <li>
                <NavLink href={item.href} current={item.current}>
                  <span class="min-w-0 flex-1 truncate">{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.groups.map((group) => (
        <div data-nav-group class="mb-4">
          <h2 class="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
            {group.schema}
          </h2>
          <ul>
            {group.items.map((item) => (
              <li data-nav-item data-name={`${item.label} ${item.name}`.toLowerCase()}>
                <NavLink href={item.href} current={item.current}>
                  <span class="min-w-0 flex-1 truncate">{item.label}</span>
                  {item.tag && <span class="shrink-0 text-xs text-slate-600 dark:text-slate-400">{item.tag}</span>}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  )
}

function NavLink(props: { href: string; current: boolean; children?: Child }) {
  return (
    <a
      href={props.href}
      aria-current={props.current ? 'page' : undefined}
      class={`flex items-center gap-2 rounded px-2 py-1 text-sm no-underline hover:bg-slate-200 dark:hover:bg-slate-800 ${
        props.current
          ? 'bg-slate-200 font-semibold text-slate-900 dark:bg-slate-800 dark:text-white'
          : 'text-slate-800 dark:text-slate-200'
      }`}
    >
      {props.children}
    </a>
  )
}
