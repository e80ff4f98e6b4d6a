import type { CellModel } from '../view-model.js'

const styles: Record<CellModel['style'], string> = {
  plain: '',
  number: 'tabular-nums',
  mono: 'font-mono text-[0.8125rem]',
  json: 'font-mono text-[0.8125rem]',
  binary: 'font-mono text-[0.8125rem] text-slate-700 dark:text-slate-300',
  'boolean-true': 'text-emerald-800 dark:text-emerald-300',
  'boolean-false': 'text-slate-700 dark:text-slate-300',
}

/** One value: NULL and the empty string look different from each other and from any text. */
export function Cell(props: { cell: CellModel }) {
  const { cell } = props
  if (cell.isNull) {
    return (
      <span class="rounded bg-slate-100 px-1 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-400">
        NULL
      </span>
    )
  }
  if (cell.isEmpty) {
    return <span class="text-xs text-slate-600 italic dark:text-slate-400">(empty)</span>
  }
  const text = cell.style === 'boolean-true' ? '✓ true' : cell.style === 'boolean-false' ? '✗ false' : cell.text
  const content = (
    <span class={styles[cell.style]} title={cell.title}>
      {text}
    </span>
  )
  return cell.href ? <a href={cell.href}>{content}</a> : content
}
