import type { FilterModel, ListPageModel } from '../view-model.js'
import { HiddenFields } from './hidden-fields.js'

const inputClass =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950'

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
  return (
    <section aria-labelledby="filters-heading" class="st-filters">
      <details open={props.open} class="rounded border border-slate-200 dark:border-slate-800">
        <summary id="filters-heading" class="cursor-pointer px-3 py-2 text-base font-semibold">
          Filters
        </summary>
        <form
          method="get"
          action={form.action}
          data-filter-form
          class="space-y-3 border-t border-slate-200 p-3 dark:border-slate-800"
        >
          <HiddenFields pairs={form.keep} />
          <div class="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
            {form.filters.map((filter, i) => (
              <FilterField filter={filter} id={`filter-${i}`} />
            ))}
          </div>
          <button
            type="submit"
            class="rounded bg-slate-800 px-3 py-1 text-sm text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900 dark:hover:bg-white"
          >
            Apply filters
          </button>
        </form>
      </details>
    </section>
  )
}

function FilterField(props: { filter: FilterModel; id: string }) {
  const { filter, id } = props
  if (filter.type === 'select') {
    return (
      <div>
        <label for={id} class="mb-1 block text-sm font-medium">
          {filter.label}
        </label>
        <select id={id} name={filter.name} class={inputClass}>
          {filter.options.map((option) => (
            <option value={option.value} selected={option.selected}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    )
  }
  if (filter.type === 'text') {
    return (
      <div class="relative" data-fk-picker={filter.lookup ? true : undefined}>
        <label for={id} class="mb-1 block text-sm font-medium">
          {filter.label}
        </label>
        <input
          id={id}
          name={filter.name}
          value={filter.value}
          class={inputClass}
          aria-describedby={`${id}-hint`}
          autocomplete={filter.lookup ? 'off' : undefined}
          data-lookup={filter.lookup}
        />
        <p id={`${id}-hint`} class="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {filter.hint}
        </p>
      </div>
    )
  }
  return (
    <fieldset>
      <legend class="mb-1 text-sm font-medium">{filter.label}</legend>
      {filter.presets && <DatePresets presets={filter.presets} label={filter.label} />}
      <div class="flex flex-col gap-1">
        <RangeEnd filter={filter} end="from" />
        <RangeEnd filter={filter} end="to" />
      </div>
    </fieldset>
  )
}

/** Day ranges in one click (days in UTC, as the server counts them); the chosen one marked with aria-current. */
function DatePresets(props: {
  presets: NonNullable<Extract<FilterModel, { type: 'range' }>['presets']>
  label: string
}) {
  return (
    <ul aria-label={`${props.label}: quick ranges (UTC days)`} class="mb-1 flex flex-wrap gap-x-3 gap-y-1 text-xs">
      {props.presets.map((preset) => (
        <li>
          <a
            href={preset.href}
            aria-current={preset.current ? 'true' : undefined}
            class={`inline-block py-1 ${preset.current ? 'font-semibold no-underline' : ''}`}
          >
            {preset.label}
          </a>
        </li>
      ))}
    </ul>
  )
}

function RangeEnd(props: { filter: Extract<FilterModel, { type: 'range' }>; end: 'from' | 'to' }) {
  const { filter, end } = props
  return (
    <label class="flex items-center gap-2 text-xs">
      <span class="w-8 text-slate-700 dark:text-slate-300">{end}</span>
      <input
        type={filter.inputType}
        name={filter[end].name}
        value={filter[end].value}
        class={inputClass}
        step={filter.step}
        placeholder={filter.placeholder}
        pattern={filter.pattern}
      />
    </label>
  )
}
