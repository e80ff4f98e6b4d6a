import { SearchBox } from '../components/search-box.js'
import type { SearchPageModel } from '../view-model.js'

/** Matches of a search across tables, one section per table. */
export function SearchPage(props: { model: SearchPageModel }) {
  const { model } = props
  return (
    <div class="space-y-6">
      <SearchBox model={model.box} id="page-search" label="Search all tables for" />
      {model.searched && model.groups.length === 0 && <p>Nothing found in any table.</p>}
      {model.groups.map((group, i) => (
        <section aria-labelledby={`search-group-${i}`}>
          <h2 id={`search-group-${i}`} class="mb-1 text-lg font-semibold">
            {group.label}
          </h2>
          {group.note && <p class="mb-1 text-sm text-slate-700 dark:text-slate-300">{group.note}</p>}
          {group.rows.length > 0 && (
            <ul class="list-disc space-y-1 pl-6">
              {group.rows.map((row) => (
                <li>{row.href ? <a href={row.href}>{row.label}</a> : row.label}</li>
              ))}
            </ul>
          )}
          {group.seeAllHref && (
            <p class="mt-1 text-sm">
              <a href={group.seeAllHref}>See all in {group.label}</a>
            </p>
          )}
        </section>
      ))}
    </div>
  )
}
