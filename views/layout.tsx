import type { Child } from 'hono/jsx'
import { html } from 'hono/html'
import type { LayoutModel } from './view-model.js'
import { Breadcrumbs } from './components/breadcrumbs.js'
import { FlashMessage } from './components/flash-message.js'
import { HiddenFields } from './components/hidden-fields.js'
import { SearchBox } from './components/search-box.js'
import { TableNav } from './components/table-nav.js'
import { markup } from './markup.js'

const headerButton =
  'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'
const warning =
  'rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'

/**
 * The page frame every admin page uses (the edit pages too): header, table navigation, breadcrumbs,
 * an optional banner and flash message, and the page's one <h1> above the main slot. A template rather than an
 * element tree, as are its parts: it is the fixed cost of every page (issue 9).
 */
export function Layout(props: { model: LayoutModel; children?: Child }) {
  const { model } = props
  const theme = model.theme ? html` data-theme="${model.theme}"` : ''
  const tables = model.nav.length > 0 ? html`<a href="#nav" class="text-sm md:hidden">Tables</a>` : ''
  const search = model.search
    ? SearchBox({ model: model.search, id: 'header-search', label: 'Search all tables', header: true })
    : ''
  const account = model.account
    ? html`<form method="post" action="${model.account.logoutAction}" class="flex items-center gap-2 text-sm">${HiddenFields({ pairs: model.account.hidden })}<span>Logged in as <strong>${model.account.name}</strong></span><button type="submit" class="${headerButton}">Log out</button></form>`
    : ''
  const noLogin = model.noLoginWarning
    ? html`<p role="note" class="${warning} mb-2 text-sm">No login: anyone who reaches this address can change data.</p>`
    : ''
  const banner = model.banner ? html`<p role="status" class="${warning} mb-4">${model.banner}</p>` : ''
  const flash = model.flash ? FlashMessage({ flash: model.flash }) : ''
  const nav = model.nav.length > 0 || model.pages.length > 0 ? TableNav({ groups: model.nav, pages: model.pages }) : ''
  return html`<!DOCTYPE html><html lang="en"${theme}>${head(model)}<body class="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100"><a href="#main" class="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900 focus:shadow">Skip to content</a><header class="sticky top-0 z-10 flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95"><a href="${model.homeHref}" class="font-semibold tracking-tight text-slate-900 no-underline dark:text-white">${model.siteTitle}</a>${tables}<span class="flex-1"></span>${search}${account}<button type="button" data-theme-toggle="true" hidden="" class="${headerButton}">Toggle theme</button></header><div class="flex flex-col md:flex-row"><main id="main" tabindex="-1" class="order-1 min-w-0 flex-1 px-4 py-4 md:order-2 md:px-6">${noLogin}${Breadcrumbs({ crumbs: model.crumbs })}${banner}${flash}<h1 class="mb-4 text-2xl font-semibold tracking-tight break-words">${model.title}</h1>${markup(props.children)}</main>${nav}</div></body></html>`
}

/**
 * The document's head, as a template: Hono's JSX wraps a `<head>` element in a context provider whose render
 * switches on `AsyncLocalStorage` for the whole process (async hooks on every promise) and makes every later
 * element look the context up (issue 9). Nothing in a head needs that.
 */
function head(model: LayoutModel) {
  const css = model.cssHref ? html`<link rel="stylesheet" href="${model.cssHref}"/>` : ''
  const js = model.jsHref ? html`<script src="${model.jsHref}" defer=""></script>` : ''
  return html`<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><meta name="color-scheme" content="light dark"/><link rel="icon" href="data:,"/><title>${`${model.title} · ${model.siteTitle}`}</title>${css}${js}</head>`
}
