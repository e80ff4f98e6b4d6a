import type { FilterModel, ListPageModel } from '../view-model.js'
import { html, raw } from 'hono/html'

/**
 * The filters of a list as one GET form: it works without JavaScript and keeps search, sort and page size.
 * `data-filter-form` lets filter-panel.js apply a choice as soon as it is made (the Apply button stays for
 * typed values and for pages without the script).
 */
// Folded behind a "Filters" button (open while filters are active); on wide screens it is a column beside the
// table (`st-filters`), so opening it never pushes the first row down. The script folds it on narrow screens,
// where the chips above the table already say which filters are in force.
export function FilterPanel(props: { form: NonNullable<ListPageModel['filterForm']>; open: boolean }) {
  const { form } = props
  // A template rather than an element tree: the panel has a field per filter, and a date filter's presets
  // and ends make it the biggest part of a list page after the rows (issue 9).
  const hidden = form.keep.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}"/>`)
  const fields = form.filters.map((filter, i) => filterField(filter, `filter-${i}`))
  return html`<section aria-labelledby="filters-heading" class="st-filters"><details${props.open ? raw(' open=""') : ''} class="rounded border border-slate-200 dark:border-slate-800"><summary id="filters-heading" class="cursor-pointer px-3 py-2 text-base font-semibold">Filters</summary><form method="get" action="${form.action}" data-filter-form="true" class="space-y-3 border-t border-slate-200 p-3 dark:border-slate-800">${hidden}<div class="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">${fields}</div><button type="submit" class="rounded bg-slate-800 px-3 py-1 text-sm text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900 dark:hover:bg-white">Apply filters</button></form></details></section>`
}

/** ` name="value"`, or nothing when there is no value: an optional attribute of a template. */
function attribute(name: string, value: string | undefined) {
  return value === undefined ? '' : html` ${raw(name)}="${value}"`
}

function filterField(filter: FilterModel, id: string) {
  if (filter.type === 'select') {
    const options = filter.options.map(
      (option) =>
        html`<option value="${option.value}"${option.selected ? raw(' selected=""') : ''}>${option.label}</option>`,
    )
    return html`<div><label for="${id}" class="mb-1 block text-sm font-medium">${filter.label}</label><select id="${id}" name="${filter.name}" class="st-input">${options}</select></div>`
  }
  if (filter.type === 'text') {
    const picker = filter.lookup ? raw(' data-fk-picker="true"') : ''
    const lookup = filter.lookup ? html` autocomplete="off" data-lookup="${filter.lookup}"` : ''
    return html`<div class="relative"${picker}><label for="${id}" class="mb-1 block text-sm font-medium">${filter.label}</label><input id="${id}" name="${filter.name}" value="${filter.value}" class="st-input" aria-describedby="${id}-hint"${lookup}/><p id="${id}-hint" class="mt-1 text-xs text-slate-600 dark:text-slate-400">${filter.hint}</p></div>`
  }
  const presets = filter.presets ? datePresets(filter.presets, filter.label) : ''
  return html`<fieldset><legend class="mb-1 text-sm font-medium">${filter.label}</legend>${presets}<div class="flex flex-col gap-1">${rangeEnd(filter, 'from')}${rangeEnd(filter, 'to')}</div></fieldset>`
}

/** Day ranges in one click (days in UTC, as the server counts them); the chosen one marked with aria-current. */
function datePresets(presets: NonNullable<Extract<FilterModel, { type: 'range' }>['presets']>, label: string) {
  const items = presets.map((preset) =>
    preset.current
      ? html`<li><a href="${preset.href}" aria-current="true" class="inline-block py-1 font-semibold no-underline">${preset.label}</a></li>`
      : html`<li><a href="${preset.href}" class="inline-block py-1 ">${preset.label}</a></li>`,
  )
  return html`<ul aria-label="${label}: quick ranges (UTC days)" class="mb-1 flex flex-wrap gap-x-3 gap-y-1 text-xs">${items}</ul>`
}

function rangeEnd(filter: Extract<FilterModel, { type: 'range' }>, end: 'from' | 'to') {
  const input = html`<input type="${filter.inputType}" name="${filter[end].name}" value="${filter[end].value}" class="st-input"${attribute('step', filter.step)}${attribute('placeholder', filter.placeholder)}${attribute('pattern', filter.pattern)}/>`
  return html`<label class="flex items-center gap-2 text-xs"><span class="w-8 text-slate-700 dark:text-slate-300">${end}</span>${input}</label>`
}
