import { raw } from 'hono/html'
import type { CellModel } from '../view-model.js'
import { escapeHtml } from '../escape-html.js'

const styles: Record<CellModel['style'], string> = {
  plain: '',
  number: 'tabular-nums',
  mono: 'st-mono',
  json: 'st-mono',
  binary: 'st-mono text-slate-700 dark:text-slate-300',
  'boolean-true': 'text-emerald-800 dark:text-emerald-300',
  'boolean-false': 'text-slate-700 dark:text-slate-300',
}

/** One value: NULL and the empty string look different from each other and from any text. */
export function Cell(props: { cell: CellModel }) {
  return raw(cellHtml(props.cell))
}

/**
 * The markup of `Cell` as a string: a list renders thousands of cells, and an element tree for each one
 * cost a quarter of the list page's time (issue 9). Every value goes through `escapeHtml`.
 */
export function cellHtml(cell: CellModel): string {
  const content = cell.isNull
    ? '<span class="st-null">NULL</span>'
    : cell.isEmpty
      ? '<span class="st-empty">(empty)</span>'
      : valueHtml(cell)
  // A NULL or empty value may be what links to the row (an empty-string key): the link stays.
  return cell.href ? `<a href="${escapeHtml(cell.href)}">${content}</a>` : content
}

/**
 * A point in time: a zoned one carries `data-zoned` for steward.js to show in the viewer's zone (the server
 * writes UTC); a naive one says that no zone was stored.
 */
function timeHtml(time: NonNullable<CellModel['time']>, hint: string | undefined, text: string): string {
  const title = hint == null ? '' : ` title="${escapeHtml(hint)}"`
  const datetime = escapeHtml(time.datetime)
  if (time.zoned) return `<time datetime="${datetime}" data-zoned${title}>${text}</time>`
  return `<time datetime="${datetime}"${title}>${text}</time> <span class="st-no-zone">no zone</span>`
}

function valueHtml(cell: CellModel): string {
  const text = escapeHtml(
    cell.style === 'boolean-true' ? '✓ true' : cell.style === 'boolean-false' ? '✗ false' : cell.text,
  )
  if (cell.time) return timeHtml(cell.time, cell.title, text)
  const style = styles[cell.style]
  // A bare text node where no style or title is needed: most cells of most lists.
  if (!style && !cell.title) return text
  const title = cell.title == null ? '' : ` title="${escapeHtml(cell.title)}"`
  return `<span${style ? ` class="${style}"` : ''}${title}>${text}</span>`
}
