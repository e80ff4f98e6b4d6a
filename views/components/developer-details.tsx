/**
 * Facts for whoever maintains the database (the qualified table name, column types, foreign-key rules),
 * collapsed so that the page's main text speaks the user's language.
 */
export function DeveloperDetails(props: { lines: readonly string[] }) {
  if (props.lines.length === 0) return null
  return (
    <details class="text-sm text-slate-700 dark:text-slate-300" data-developer-details>
      <summary class="cursor-pointer py-1">Developer details</summary>
      <ul class="mt-1 space-y-0.5 pl-4 font-mono text-xs">
        {props.lines.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
    </details>
  )
}
