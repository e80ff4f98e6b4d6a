import { raw } from 'hono/html'
import type { ControlModel } from '../../src/forms/field-model.js'
import { controlClass } from './control-classes.js'

type TextareaControl = Extract<ControlModel, { type: 'textarea' }>

/**
 * A textarea. Its content starts with a newline, which HTML drops: without it a value that itself
 * begins with a newline would lose it on the way through the form.
 */
export function TextareaControl(props: {
  id: string
  name: string
  control: TextareaControl
  describedBy?: string
  invalid: boolean
}) {
  const { control } = props
  return (
    <textarea
      id={props.id}
      name={props.name}
      rows={control.rows}
      maxlength={control.maxLength}
      spellcheck={control.mono ? false : undefined}
      aria-invalid={props.invalid ? 'true' : undefined}
      aria-describedby={props.describedBy}
      class={controlClass(props.invalid, control.mono ? 'font-mono text-[0.8125rem]' : '')}
    >
      {raw('\n')}
      {control.value}
    </textarea>
  )
}
