import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { Layout } from '../../views/layout.js'
import type { Crumb, LayoutModel } from '../../views/view-model.js'
import type { AdminEnv } from './admin-context.js'
import { htmlResponse } from './middleware/compression.js'
import { csrfField } from './middleware/csrf.js'
import { navGroups } from './nav-groups.js'
import { visibleResources } from './routes/table-route-helpers.js'

export interface PageOptions {
  readonly title: string
  readonly crumbs: readonly Crumb[]
  readonly banner?: string | null
  /** The table whose page this is, highlighted in the navigation. */
  readonly current?: { readonly schema: string; readonly name: string }
  /** The custom page (its config `path`) this is, highlighted in the navigation. */
  readonly currentPage?: string
  /** What the header's search box holds (the search page's own term). */
  readonly searchQuery?: string
}

const readOnlyBanner = 'Read-only: this admin shows the data but changes nothing, whoever is logged in.'

/** Renders `body` inside the layout, with the navigation, theme, flash message and assets of this request. */
export function renderPage(
  c: Context<AdminEnv>,
  page: PageOptions,
  body: Child,
  status = 200,
): Response | Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const principal = c.get('principal') ?? null
  // Before login not even the table names are shown.
  const loggedIn = !admin.accounts || principal !== null
  const model: LayoutModel = {
    title: page.title,
    siteTitle: admin.title,
    homeHref: urls.index(),
    crumbs: page.crumbs,
    nav: loggedIn ? navGroups(visibleResources(c), urls, page.current) : [],
    pages: loggedIn
      ? (admin.config.pages ?? []).map((custom) => ({
          label: custom.title,
          href: urls.page(custom.path),
          current: custom.path === page.currentPage,
        }))
      : [],
    flash: c.get('flash'),
    banner: page.banner ?? (admin.readOnly ? readOnlyBanner : null),
    cssHref: admin.assets.css ? urls.asset(admin.assets.css) : null,
    jsHref: admin.assets.js ? urls.asset(admin.assets.js) : null,
    theme: c.get('theme'),
    account:
      admin.accounts && principal
        ? { name: principal.name, logoutAction: urls.logout(), hidden: [[csrfField, c.get('csrfToken') ?? '']] }
        : null,
    noLoginWarning: admin.warnNoLogin,
    search: loggedIn ? { action: urls.search(), q: page.searchQuery ?? '' } : null,
  }
  const frame = Layout({ model, children: body })
  if (frame instanceof Promise) return frame.then((html) => htmlResponse(c, String(html), status))
  return htmlResponse(c, String(frame), status)
}
