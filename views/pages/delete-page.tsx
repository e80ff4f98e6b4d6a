import { DeveloperDetails } from '../components/developer-details.js'
import { HiddenFields } from '../components/hidden-fields.js'
import { ReasonField } from '../components/reason-field.js'
import type { DeleteEffectModel, DeletePageModel } from './edit-page-models.js'
import { RecordsToConfirm } from '../components/records-to-confirm.js'

// Spelled out so that Tailwind finds the class names in this file.
const indents = ['', 'pl-4', 'pl-8', 'pl-12', 'pl-16']

function Effects(props: { title: string; effects: readonly DeleteEffectModel[]; tone: string }) {
  if (props.effects.length === 0) return null
  return (
    <section class="space-y-1">
      <h2 class="font-semibold">{props.title}</h2>
      <ul class={`space-y-1 ${props.tone}`}>
        {props.effects.map((effect) => (
          <li class={indents[Math.min(effect.depth - 1, indents.length - 1)] || undefined}>
            {effect.href ? (
              <a href={effect.href} class="font-medium">
                {effect.countText}
              </a>
            ) : (
              <span class="font-medium">{effect.countText}</span>
            )}
            {effect.note && ` ${effect.note}`}{' '}
            <span class="text-xs text-slate-600 dark:text-slate-400">({effect.via})</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Asks before deleting: what goes with the rows, what is cleared, and what blocks it. */
export function DeletePage(props: { model: DeletePageModel }) {
  const { model } = props
  return (
    <div class="max-w-3xl space-y-5">
      <RecordsToConfirm
        question={model.summary}
        records={model.records}
        moreRecords={model.moreRecords}
        error={model.error}
      />
      <Effects title="Will also be deleted" effects={model.cascades} tone="" />
      <Effects title="Will be kept" effects={model.cleared} tone="" />
      <Effects
        title="Must be deleted or reassigned first"
        effects={model.blockers}
        tone="text-red-800 dark:text-red-300"
      />
      {model.cascades.length === 0 && model.cleared.length === 0 && model.blockers.length === 0 && !model.error && (
        <p>No other rows refer to {model.records.length === 1 ? 'this row' : 'these rows'}.</p>
      )}
      {model.warning && (
        <p
          role="status"
          class="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {model.warning}
        </p>
      )}
      {model.blocked && <p class="font-medium text-red-800 dark:text-red-300">{model.blockedText}</p>}
      <form method="post" action={model.action} novalidate class="space-y-4">
        <HiddenFields pairs={model.hidden} />
        {model.reason && !model.blocked && <ReasonField field={model.reason} />}
        <div class="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={model.blocked}
            class="rounded border border-red-700 bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Yes, delete
          </button>
          <a href={model.cancelHref} class="text-sm">
            No, go back
          </a>
        </div>
      </form>
      <DeveloperDetails
        lines={[...model.cascades, ...model.cleared, ...model.blockers].map((effect) => effect.technical)}
      />
    </div>
  )
}
