import type { Crumb } from '../view-model.js'

export function Breadcrumbs(props: { crumbs: readonly Crumb[] }) {
  if (props.crumbs.length === 0) return null
  return (
    <nav aria-label="Breadcrumb" class="mb-2 text-sm text-slate-600 dark:text-slate-400">
      <ol class="flex flex-wrap gap-1">
        {props.crumbs.map((crumb, i) => (
          <li class="flex gap-1">
            {i > 0 && <span aria-hidden="true">/</span>}
            {crumb.href ? (
              <a href={crumb.href}>{crumb.label}</a>
            ) : (
              // A link-less crumb before the last (the schema) is not the current page.
              <span aria-current={i === props.crumbs.length - 1 ? 'page' : undefined}>{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  )
}
