import { html, raw } from 'hono/html'
import type { ColumnHeader, TableRowModel } from '../view-model.js'
import { escapeHtml } from '../escape-html.js'
import { listCellHtml, type CellContext } from './cell.js'

/**
 * A table of rows; sortable headers when given `ColumnHeader`s with sort links. Rows with `select` get a
 * leading checkbox column (inside the caller's form), headed by a "select all" box a script reveals.
 * On phones `st-cards` shows each row as a card: its label and a few key fields, each named by `data-label`.
 */
export function DataTable(props: {
  caption: string
  columns: readonly ColumnHeader[]
  rows: readonly TableRowModel[]
  empty: string
}) {
  const selectable = props.rows.some((row) => row.select)
  const openable = props.rows.some((row) => row.open)
  const contexts = cellContexts(props.columns, props.rows)
  // A template, as the rows are: a list's header is a few elements per column on every list page (issue 9).
  // Its padding, sort links and arrows are styled from `st-head` (styles.css).
  const select = selectable
    ? html`<th scope="col" class="w-8"><span class="sr-only">Select</span><input type="checkbox" data-select-all="true" hidden="" aria-label="Select all rows on this page" class="st-box"/></th>`
    : ''
  const open = openable ? html`<th scope="col"><span class="sr-only">Open</span></th>` : ''
  const headers = props.columns.map((column, i) => {
    const sorted = column.sorted ? html` aria-sort="${column.sorted}"` : ''
    const numeric = column.numeric ? html` class="text-right"` : ''
    const arrow = column.sorted === 'ascending' ? '▲' : column.sorted === 'descending' ? '▼' : '↕'
    const label = column.sortHref
      ? html`<a href="${column.sortHref}">${column.label}<span aria-hidden="true">${arrow}</span></a>`
      : column.label
    const zone = contexts[i]!.zoneNoted
      ? html`<span class="st-no-zone ml-1 font-normal" title="Stored without a time zone">no zone</span>`
      : ''
    return html`<th scope="col"${sorted}${numeric}>${label}${zone}</th>`
  })
  const empty =
    props.rows.length === 0
      ? html`<tr><td colspan="${Math.max(1, props.columns.length + (selectable ? 1 : 0) + (openable ? 1 : 0))}" class="px-3 py-6 text-center text-slate-600 dark:text-slate-400">${props.empty}</td></tr>`
      : ''
  return html`<div class="st-cards md:overflow-x-auto md:rounded md:border md:border-slate-200 md:dark:border-slate-800"><table class="w-full text-sm"><caption class="sr-only">${props.caption}</caption><thead class="st-head bg-slate-50 text-left dark:bg-slate-900"><tr>${select}${open}${headers}</tr></thead><tbody class="st-rows">${empty}${raw(rowsHtml(props.columns, props.rows, contexts, selectable, openable))}</tbody></table></div>`
}

/** How many fields besides its label a row's card shows on a phone. */
const cardFields = 3

/**
 * What each column says once for all its cells: tabular figures for a number column, and "no zone" in the
 * header when every time it shows on the page was stored without one.
 */
function cellContexts(columns: readonly ColumnHeader[], rows: readonly TableRowModel[]): CellContext[] {
  return columns.map((column, i) => {
    let naive = 0
    for (const row of rows) {
      const cell = row.cells[i]
      if (!cell || cell.isNull || cell.isEmpty) continue
      if (!cell.time || cell.time.zoned) return { numeric: column.numeric }
      naive++
    }
    return { numeric: column.numeric, zoneNoted: naive > 0 }
  })
}

/**
 * The rows as one string, with the markup the element tree had: a page of 200 rows has thousands of cells,
 * and building and walking a tree for each was the biggest part of rendering a list (issue 9). The markup is
 * lean for the same reason: a row, its cells and their usual padding are styled from the `st-rows` body.
 */
function rowsHtml(
  columns: readonly ColumnHeader[],
  rows: readonly TableRowModel[],
  contexts: readonly CellContext[],
  selectable: boolean,
  openable: boolean,
): string {
  // A card shows the row's label (the cell linking to the row, else the Open link) and the first few other
  // columns with their names; only those cells carry a name, so a page of rows grows by a few bytes a row.
  const linked = rows.find((row) => row.href !== null)
  const lead = openable || !linked ? -1 : linked.cells.findIndex((cell) => cell.href === linked.href)
  const keys = columns
    .map((_, i) => i)
    .filter((i) => i !== lead)
    .slice(0, cardFields)
  const cellOpenings = columns.map((column, i) => {
    const classes = [column.numeric ? 'st-num' : '', i === lead ? 'st-lead' : ''].filter(Boolean).join(' ')
    const label = i !== lead && keys.includes(i) ? ` data-label="${escapeHtml(column.label)}"` : ''
    return `<td${classes ? ` class="${classes}"` : ''}${label}>`
  })
  let html = ''
  for (const row of rows) {
    html += '<tr>'
    if (selectable) {
      const box = row.select
        ? `<input type="checkbox" name="key" value="${escapeHtml(row.select.value)}" aria-label="${escapeHtml(row.select.label)}"/>`
        : ''
      html += `<td class="st-pick">${box}</td>`
    }
    if (openable) {
      const link = row.open
        ? `<a href="${escapeHtml(row.open.href)}" aria-label="${escapeHtml(row.open.label)}">Open</a>`
        : ''
      html += `<td class="st-lead">${link}</td>`
    }
    for (let i = 0; i < row.cells.length; i++)
      html += `${cellOpenings[i] ?? '<td>'}${listCellHtml(row.cells[i]!, contexts[i] ?? {})}</td>`
    html += '</tr>'
  }
  return html
}
