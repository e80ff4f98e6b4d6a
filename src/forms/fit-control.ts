import type { WidgetSpec } from '../kinds/kind.js'
import type { ControlModel } from './field-model.js'
import { choiceValue, inputKeeps } from './html-input-values.js'
import { choiceText } from '../kinds/choice-text.js'

const lineBreak = /[\r\n]/

type TextualControl = Exclude<ControlModel, { type: 'binary' }>

/**
 * The control for a widget holding `value` (the field's text, or null when it holds none: NULL, the
 * default). A browser silently rewrites what some inputs cannot hold (a number input blanks `1e1000`, a
 * date input `2024-02-30`, a one-line input drops line breaks), which would save a change nobody made —
 * so such a value gets a text control instead (see `inputKeeps`).
 */
export function fitControl(widget: WidgetSpec, value: string | null, emptyLabel: string): TextualControl {
  if (widget.type === 'select') return selectControl(widget.options ?? [], value ?? undefined, emptyLabel)
  const input = value ?? ''
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
      if (!inputKeeps('number', input)) return text()
      return { type: 'input', inputType: 'number', value: input, ...pick(widget, ['step', 'inputMode', 'placeholder']) }
    case 'date':
    case 'datetime-local':
    case 'time':
      if (!inputKeeps(widget.type, input)) return text()
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
    case 'json':
      return { type: 'textarea', value: input, rows: rowsFor(input), mono: true }
    case 'textarea':
    case 'file-or-hex':
      return { type: 'textarea', value: input, rows: rowsFor(input), mono: false, ...pick(widget, ['maxLength']) }
  }
}

/**
 * `input` is the chosen value, or undefined for none. The empty option value means no choice (NULL, the
 * default), so a choice labelled `''` gets a distinct value (see `choiceValue`): NULL and '' never meet.
 */
export function selectControl(
  choices: readonly string[],
  input: string | undefined,
  emptyLabel: string,
): TextualControl {
  const options = [
    { value: '', label: emptyLabel },
    ...choices.map((choice) => ({
      value: choiceValue(choice),
      label: choice === '' ? '(empty text)' : choiceText(choice, choices),
    })),
    // A stored value outside the list (a CHECK added later) stays selectable, so saving keeps it.
    ...(input !== undefined && !choices.includes(input)
      ? [{ value: choiceValue(input), label: `${input} (not in the list)` }]
      : []),
  ]
  return { type: 'select', value: input === undefined ? '' : choiceValue(input), options }
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
