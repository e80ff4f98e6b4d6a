import type { RecordToConfirm } from '../pages/edit-page-models.js'

/**
 * The start of a page that asks before changing rows (a delete, a custom action): the question, the rows by
 * label (linked where the user may open them) and the error of the last try.
 */
export function RecordsToConfirm(props: {
  question: string
  records: readonly RecordToConfirm[]
  moreRecords: number
  error: string | null
}) {
  return (
    <>
      <p class="text-lg">{props.question}</p>
      <ul class="list-disc pl-6">
        {props.records.map((record) => (
          <li>{record.href ? <a href={record.href}>{record.label}</a> : record.label}</li>
        ))}
        {props.moreRecords > 0 && <li>and {props.moreRecords.toLocaleString('en-US')} more</li>}
      </ul>
      {props.error && (
        <p
          role="alert"
          class="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
        >
          {props.error}
        </p>
      )}
    </>
  )
}
