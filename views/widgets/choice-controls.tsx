import type { ControlModel } from '../../src/forms/field-model.js'
import { controlClass } from './control-classes.js'

type SelectControl = Extract<ControlModel, { type: 'select' }>

/** A checkbox for a NOT NULL boolean; the hidden twin before it sends `false` when it is unticked. */
export function CheckboxControl(props: { id: string; name: string; checked: boolean; describedBy?: string }) {
  return (
    <span class="inline-flex items-center gap-2">
      <input type="hidden" name={props.name} value="false" />
      <input
        id={props.id}
        type="checkbox"
        name={props.name}
        value="true"
        checked={props.checked}
        aria-describedby={props.describedBy}
        class="size-4"
      />
    </span>
  )
}

/** A select for enums, CHECK lists and nullable booleans (NULL / true / false). */
export function SelectControl(props: {
  id: string
  name: string
  control: SelectControl
  describedBy?: string
  invalid: boolean
}) {
  const { control } = props
  return (
    <select
      id={props.id}
      name={props.name}
      aria-invalid={props.invalid ? 'true' : undefined}
      aria-describedby={props.describedBy}
      class={controlClass(props.invalid, 'sm:w-auto')}
    >
      {control.options.map((option) => (
        <option value={option.value} selected={option.value === control.value}>
          {option.label}
        </option>
      ))}
    </select>
  )
}
