import type { CellModel } from '../view-model.js'

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
  const { cell } = props
  const content = cell.isNull ? (
    <span class="st-null">NULL</span>
  ) : cell.isEmpty ? (
    <span class="st-empty">(empty)</span>
  ) : (
    <Value cell={cell} />
  )
  // A NULL or empty value may be what links to the row (an empty-string key): the link stays.
  return cell.href ? <a href={cell.href}>{content}</a> : content
}

function Value(props: { cell: CellModel }) {
  const { cell } = props
  const text = cell.style === 'boolean-true' ? '✓ true' : cell.style === 'boolean-false' ? '✗ false' : cell.text
  const style = styles[cell.style]
  // A bare text node where no style or title is needed: most cells of most lists.
  return style || cell.title ? (
    <span class={style || undefined} title={cell.title}>
      {text}
    </span>
  ) : (
    <>{text}</>
  )
}
