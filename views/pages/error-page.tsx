import type { ErrorPageModel } from '../view-model.js'

export function ErrorPage(props: { model: ErrorPageModel }) {
  const { model } = props
  return (
    <div class="max-w-2xl space-y-4">
      <p class="text-lg">{model.message}</p>
      {model.problems.length > 0 && (
        <ul class="list-disc space-y-1 pl-6 text-slate-800 dark:text-slate-200">
          {model.problems.map((problem) => (
            <li>{problem}</li>
          ))}
        </ul>
      )}
      <p class="text-sm text-slate-600 dark:text-slate-400">Error {model.status}</p>
      {model.backHref && (
        <p>
          <a href={model.backHref}>{model.backLabel}</a>
        </p>
      )}
    </div>
  )
}
