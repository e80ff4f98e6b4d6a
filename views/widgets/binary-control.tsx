import { raw } from 'hono/html'
import type { ControlModel } from '../../src/forms/field-model.js'
import { controlClass } from './control-classes.js'

type BinaryControl = Extract<ControlModel, { type: 'binary' }>

/** Bytes: edited as hex, or replaced by an upload. Large stored values are kept unless replaced. */
export function BinaryControl(props: {
  id: string
  name: string
  control: BinaryControl
  describedBy?: string
  invalid: boolean
}) {
  const { control } = props
  return (
    <div class="space-y-2">
      <textarea
        id={props.id}
        name={props.name}
        rows={3}
        spellcheck={false}
        placeholder={
          control.keep ? `${control.keep.sizeText} stored: leave empty to keep them` : 'hex bytes, e.g. 0a1b2c'
        }
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={props.describedBy}
        class={controlClass(props.invalid, 'font-mono text-[0.8125rem]')}
      >
        {raw('\n')}
        {control.value}
      </textarea>
      {control.keep && <input type="hidden" name={control.keep.name} value="1" />}
      <label class="block text-sm">
        <span class="mr-2 text-slate-700 dark:text-slate-300">or upload a file</span>
        <input type="file" name={control.fileName} class="text-sm" />
      </label>
    </div>
  )
}
