import { html } from 'hono/html'
import type { ListPageModel } from '../view-model.js'
import { DataTable } from '../components/data-table.js'
import { DeveloperDetails } from '../components/developer-details.js'
import { FilterPanel } from '../components/filter-panel.js'
import { HiddenFields } from '../components/hidden-fields.js'
import { ReadOnlyNote } from '../components/read-only-note.js'

/**
 * A table's rows with search, filters, selection and pages. Templates rather than an element tree, as are its
 * parts: this is the page support staff live on, and its fixed part was most of its cost (issue 9). Its buttons
 * and button-like links are `st-btn` (styles.css).
 */
export function ListPage(props: { model: ListPageModel }) {
  const { model } = props
  const search = model.search
    ? html`<form method="get" action="${model.search.action}" role="search" class="flex flex-wrap items-end gap-2">${HiddenFields({ pairs: model.search.keep })}<div class="min-w-0 flex-1 sm:max-w-md"><label for="list-search" class="mb-1 block text-sm font-medium">Search</label><input id="list-search" type="search" name="q" value="${model.search.q}" aria-describedby="list-search-hint" class="w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"/></div><button type="submit" class="st-btn">Search</button>${
        // After a search a big table kept to its indexes, what it looked at replaces the hint.
        model.searchNote
          ? html`<p id="list-search-hint" class="w-full text-sm text-slate-700 dark:text-slate-300" data-search-note="true">${model.searchNote.text} <a href="${model.searchNote.allHref}">Search all columns (slow)</a></p>`
          : html`<p id="list-search-hint" class="w-full text-xs text-slate-600 dark:text-slate-400">${model.search.fields}</p>`
      }</form>`
    : ''
  const chips =
    model.activeFilters.length > 0
      ? html`<ul aria-label="Active filters" class="flex flex-wrap gap-2">${model.activeFilters.map(
          (filter) =>
            html`<li class="flex items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-1 pl-3 text-sm text-sky-950 dark:bg-sky-900 dark:text-sky-50">${filter.label}<a href="${filter.removeHref}" class="inline-flex size-6 items-center justify-center text-sky-950 no-underline dark:text-sky-50" aria-label="${`Remove filter: ${filter.label}`}">×</a></li>`,
        )}${
          model.clearHref
            ? html`<li><a href="${model.clearHref}" class="inline-flex min-h-7 items-center text-sm">Clear all</a></li>`
            : ''
        }</ul>`
      : ''
  const filters = model.filterForm ? FilterPanel({ form: model.filterForm, open: model.activeFilters.length > 0 }) : ''
  const caption = `${model.heading}: ${model.summary}`
  const body = model.error
    ? html`<p role="alert" class="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">${model.error}</p>`
    : html`<p class="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">${model.summary}</p>${
        model.bulk
          ? SelectionForm({ bulk: model.bulk, caption, columns: model.columns, rows: model.rows })
          : DataTable({ caption, columns: model.columns, rows: model.rows, empty: 'No rows match.' })
      }${Pagination({ model })}`
  return html`<div class="space-y-4"><div class="flex flex-wrap items-center gap-3">${TableMenu({ model })}</div>${ReadOnlyNote({ reasons: model.readOnlyReasons })}${search}${chips}<div class="flex flex-col gap-3 lg:flex-row lg:items-start lg:gap-4">${filters}<div class="min-w-0 flex-1 space-y-3 lg:order-1">${body}</div></div>${DeveloperDetails({ lines: [model.kindLabel] })}</div>`
}

/**
 * Adding a row and exporting the list: behind a "More" button on phones, laid out in the line on wider screens
 * (`st-menu` shows a closed <details>' content from the md breakpoint up, so this needs no script).
 */
function TableMenu(props: { model: ListPageModel }) {
  const { model } = props
  const exportCsv = model.error ? null : model.exportCsv
  if (!model.createHref && !exportCsv) return null
  const create = model.createHref ? html`<a href="${model.createHref}" class="st-btn">${model.createLabel}</a>` : ''
  const download = exportCsv
    ? html`<a href="${exportCsv.href}" title="${exportCsv.title}" download="" class="st-btn">Export CSV</a>`
    : ''
  const note = exportCsv?.truncatedNote
    ? html`<span class="text-xs text-slate-600 dark:text-slate-400">${exportCsv.truncatedNote}</span>`
    : ''
  return html`<details class="st-menu"><summary class="st-btn cursor-pointer md:hidden">More</summary><div class="mt-2 flex flex-wrap items-center gap-3 md:mt-0">${create}${download}${note}</div></details>`
}

/** The rows with a checkbox each, posting the ticked keys to the bulk delete preview or to a custom action. */
function SelectionForm(props: {
  bulk: NonNullable<ListPageModel['bulk']>
  caption: string
  columns: ListPageModel['columns']
  rows: ListPageModel['rows']
}) {
  const { bulk } = props
  const buttons = bulk.buttons.map(
    (button) =>
      html`<button type="submit" formaction="${button.formAction}" data-bulk-submit="true" class="st-btn disabled:cursor-not-allowed disabled:opacity-60">${button.label}</button>`,
  )
  const table = DataTable({ caption: props.caption, columns: props.columns, rows: props.rows, empty: 'No rows match.' })
  return html`<form method="post" action="${bulk.action}" data-bulk-form="true" class="space-y-2">${HiddenFields({ pairs: bulk.hidden })}<div class="flex flex-wrap items-center gap-3">${buttons}<span data-selected-count="true" hidden="" aria-live="polite" class="text-sm text-slate-700 dark:text-slate-300">0 selected</span></div>${table}</form>`
}

function Pagination(props: { model: ListPageModel }) {
  const { pagination, sizes } = props.model
  const link = (href: string | null, label: string, rel?: string) =>
    href
      ? rel
        ? html`<a href="${href}" rel="${rel}" class="st-btn">${label}</a>`
        : html`<a href="${href}" class="st-btn">${label}</a>`
      : html`<span class="rounded border border-slate-200 px-3 py-1 text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400" aria-disabled="true">${label}</span>`
  const label = pagination.label ? html`<span class="px-2 text-sm">${pagination.label}</span>` : ''
  const choices = sizes.map((size) =>
    size.current
      ? html`<li><span aria-current="true" class="inline-block rounded bg-slate-200 px-2 py-1 text-sm font-semibold dark:bg-slate-800">${size.value}</span></li>`
      : html`<li><a href="${size.href}" class="inline-block px-2 py-1 text-sm">${size.value}</a></li>`,
  )
  return html`<nav aria-label="Pages" class="flex flex-wrap items-center gap-2">${link(pagination.first, 'First')}${link(pagination.prev, 'Previous', 'prev')}${label}${link(pagination.next, 'Next', 'next')}<span class="flex-1"></span><span class="text-sm text-slate-700 dark:text-slate-300">Rows per page:</span><ul class="flex gap-1">${choices}</ul></nav>`
}
