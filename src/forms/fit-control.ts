import { htmlInputPatterns } from '../kinds/temporal-text.js'
import type { WidgetSpec } from '../kinds/kind.js'
import type { ControlModel } from '../../views/widgets/field-model.js'

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const lineBreak = /[\r\n]/

/**
 * The control for a widget holding `input`. A browser silently rewrites what some inputs cannot hold
 * (a number input blanks `abc`, a date input blanks `2024-01-02 BC`, a one-line input drops line
 * breaks), which would save a change nobody made — so such a value gets a text control instead.
 */
type TextualControl = Exclude<ControlModel, { type: 'binary' }>

export function fitControl(widget: WidgetSpec, input: string, emptyLabel: string): TextualControl {
  const text = (): TextualControl =>
    lineBreak.test(input) || input.length > 200
      ? { type: 'textarea', value: input, rows: rowsFor(input), mono: false }
      : {
          type: 'input',
          inputType: 'text',
          value: input,
          ...(widget.placeholder ? { placeholder: widget.placeholder } : {}),
        }
  switch (widget.type) {
    case 'text':
      if (lineBreak.test(input) || (widget.maxLength === undefined && input.length > 200)) return text()
      return {
        type: 'input',
        inputType: 'text',
        value: input,
        ...pick(widget, ['maxLength', 'placeholder', 'inputMode', 'pattern']),
      }
    case 'number':
      if (input !== '' && !numberPattern.test(input)) return text()
      return { type: 'input', inputType: 'number', value: input, ...pick(widget, ['step', 'inputMode', 'placeholder']) }
    case 'date':
    case 'datetime-local':
    case 'time':
      if (input !== '' && !htmlInputPatterns[widget.type].test(input)) return text()
      return { type: 'input', inputType: widget.type, value: input, ...pick(widget, ['step']) }
    case 'checkbox':
      if (input !== 'true' && input !== 'false' && input !== '') return text()
      return { type: 'checkbox', checked: input === 'true' }
    case 'tristate':
      if (!['', 'true', 'false'].includes(input)) return text()
      return {
        type: 'select',
        value: input,
        options: [
          { value: '', label: emptyLabel },
          { value: 'true', label: 'true' },
          { value: 'false', label: 'false' },
        ],
      }
    case 'select': {
      const choices = widget.options ?? []
      const options = [
        { value: '', label: emptyLabel },
        ...choices.map((choice) => ({ value: choice, label: choice })),
        // A stored value outside the list (a CHECK added later) stays selectable, so saving keeps it.
        ...(input !== '' && !choices.includes(input) ? [{ value: input, label: `${input} (not in the list)` }] : []),
      ]
      return { type: 'select', value: input, options }
    }
    case 'json':
      return { type: 'textarea', value: input, rows: rowsFor(input), mono: true }
    case 'textarea':
    case 'file-or-hex':
      return { type: 'textarea', value: input, rows: rowsFor(input), mono: false, ...pick(widget, ['maxLength']) }
  }
}

function rowsFor(input: string): number {
  const lines = input.split('\n').length + Math.floor(input.length / 100)
  return Math.min(Math.max(lines + 1, 3), 20)
}

function pick<K extends keyof WidgetSpec>(widget: WidgetSpec, keys: readonly K[]): Partial<Pick<WidgetSpec, K>> {
  const out: Partial<Pick<WidgetSpec, K>> = {}
  for (const key of keys) if (widget[key] !== undefined) out[key] = widget[key]
  return out
}
