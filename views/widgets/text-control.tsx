import type { ControlModel } from '../../src/forms/field-model.js'
import { controlClass } from './control-classes.js'

type InputControl = Extract<ControlModel, { type: 'input' }>

/** A one-line input (text, number, date, datetime-local, time); a foreign key adds its lookup hooks and link. */
export function TextControl(props: {
  id: string
  name: string
  control: InputControl
  describedBy?: string
  invalid: boolean
  required: boolean
}) {
  const { control } = props
  const lookup = control.lookup
  return (
    <div class={lookup ? 'relative' : undefined} data-fk-picker={lookup ? '' : undefined}>
      <input
        id={props.id}
        name={props.name}
        type={control.inputType}
        value={control.value}
        step={control.step}
        maxlength={control.maxLength}
        placeholder={control.placeholder}
        inputmode={control.inputMode}
        pattern={control.pattern}
        required={props.required}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={props.describedBy}
        autocomplete={lookup ? 'off' : undefined}
        data-lookup={lookup?.url}
        class={controlClass(props.invalid, control.inputType === 'text' && control.pattern ? 'font-mono' : '')}
      />
      {lookup && (
        <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {lookup.currentLabel && (
            <>
              {lookup.currentHref ? <a href={lookup.currentHref}>{lookup.currentLabel}</a> : lookup.currentLabel}
              {' · '}
            </>
          )}
          A key of {lookup.targetLabel}:{' '}
          <a href={lookup.listHref} target="_blank" rel="noopener">
            look it up
          </a>
        </p>
      )}
    </div>
  )
}
