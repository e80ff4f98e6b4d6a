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
  return listCellHtml(cell, {})
}

/** What a list's column already says for each of its cells, so that they need not repeat it. */
export interface CellContext {
  /** The cell's `<td>` sets tabular figures (a numeric column). */
  readonly numeric?: boolean
  /** The column's header says the times have no zone. */
  readonly zoneNoted?: boolean
}

/** `cellHtml` inside a list's column, leaving out what the column says once for every row (see `CellContext`). */
export function listCellHtml(cell: CellModel, column: CellContext): string {
  if (cell.isNull || cell.isEmpty) {
    const content = cell.isNull ? '<span class="st-null">NULL</span>' : '<span class="st-empty">(empty)</span>'
    // A NULL or empty value may be what links to the row (an empty-string key): the link stays.
    return cell.href ? `<a href="${escapeHtml(cell.href)}">${content}</a>` : content
  }
  const style = column.numeric && cell.style === 'number' ? '' : styles[cell.style]
  // A plain linked value (a foreign key's label) carries its title on the link itself.
  if (cell.href && !cell.time && !style) {
    const title = cell.title == null ? '' : ` title="${escapeHtml(cell.title)}"`
    return `<a href="${escapeHtml(cell.href)}"${title}>${escapeHtml(cell.text)}</a>`
  }
  const content = valueHtml(cell, style, column.zoneNoted ?? false)
  return cell.href ? `<a href="${escapeHtml(cell.href)}">${content}</a>` : content
}

/**
 * A point in time: a zoned one carries `data-zoned` for steward.js to show in the viewer's zone (the server
 * writes UTC); a naive one says that no zone was stored, unless its column's header says it once for all.
 * A naive time shown as `2024-01-31 14:05:00` needs no `datetime`: that text is itself a valid local date and
 * time, which HTML reads when the attribute is absent (and so does steward.js); a list has a hundred of them.
 */
function timeHtml(
  time: NonNullable<CellModel['time']>,
  hint: string | undefined,
  text: string,
  zoneNoted: boolean,
): string {
  const title = hint == null ? '' : ` title="${escapeHtml(hint)}"`
  const datetime = escapeHtml(time.datetime)
  if (time.zoned) return `<time datetime="${datetime}" data-zoned${title}>${text}</time>`
  const marker = zoneNoted ? '' : ' <span class="st-no-zone">no zone</span>'
  const attribute = readsAsDatetime(text, time.datetime) ? '' : ` datetime="${datetime}"`
  return `<time${attribute}${title}>${text}</time>${marker}`
}

/** `2024-01-31 14:05:00` for `2024-01-31T14:05:00`: the same value, with the space HTML allows for the `T`. */
function readsAsDatetime(text: string, datetime: string): boolean {
  return (
    text.length === datetime.length &&
    text.length >= 16 &&
    text[10] === ' ' &&
    datetime[10] === 'T' &&
    text.slice(0, 10) === datetime.slice(0, 10) &&
    text.slice(11) === datetime.slice(11)
  )
}

function valueHtml(cell: CellModel, style: string, zoneNoted: boolean): string {
  const text = escapeHtml(
    cell.style === 'boolean-true' ? '✓ true' : cell.style === 'boolean-false' ? '✗ false' : cell.text,
  )
  if (cell.time) return timeHtml(cell.time, cell.title, text, zoneNoted)
  // A bare text node where no style or title is needed: most cells of most lists.
  if (!style && !cell.title) return text
  const title = cell.title == null ? '' : ` title="${escapeHtml(cell.title)}"`
  return `<span${style ? ` class="${style}"` : ''}${title}>${text}</span>`
}
