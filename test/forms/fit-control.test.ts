import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fitControl } from '../../src/forms/fit-control.js'
import { readChoice } from '../../src/forms/html-input-values.js'
import type { WidgetSpec } from '../../src/kinds/kind.js'

// A browser blanks or rewrites what an input cannot hold; such values must get a text control instead.
const cases: ReadonlyArray<readonly [string, WidgetSpec, string, string]> = [
  ['a number stays a number input', { type: 'number', step: '1' }, '42', 'input:number'],
  ['text in an INTEGER column of SQLite', { type: 'number', step: '1' }, 'n/a', 'input:text'],
  ['a date', { type: 'date' }, '2024-01-31', 'input:date'],
  ['infinity in a date column', { type: 'date' }, 'infinity', 'input:text'],
  ['a BC date', { type: 'date' }, '0044-03-15 BC', 'input:text'],
  ['microseconds in a timestamp', { type: 'datetime-local', step: 'any' }, '2024-01-02T03:04:05.123456', 'input:text'],
  ['a line break in a one-line field', { type: 'text', maxLength: 20 }, 'a\nb', 'textarea'],
  ['a boolean SQLite stores as 2', { type: 'checkbox' }, '2', 'input:text'],
  ['a nullable boolean', { type: 'tristate' }, 'false', 'select'],
  ['JSON', { type: 'json' }, '{}', 'textarea'],
  // What Chromium blanks (seen in a real browser): each would come back as "" and save NULL.
  ['a number no double holds', { type: 'number', step: 'any' }, '1e1000', 'input:text'],
  ['a leading plus', { type: 'number', step: 'any' }, '+1', 'input:text'],
  ['a trailing point', { type: 'number', step: 'any' }, '1.', 'input:text'],
  ['NaN in a float', { type: 'number', step: 'any' }, 'NaN', 'input:text'],
  ['negative zero', { type: 'number', step: 'any' }, '-0', 'input:number'],
  ['the smallest double', { type: 'number', step: 'any' }, '5e-324', 'input:number'],
  ['a day that is not on the calendar', { type: 'date' }, '2024-02-30', 'input:text'],
  ['year zero', { type: 'date' }, '0000-01-01', 'input:text'],
  ['the last day a date input holds', { type: 'date' }, '275760-09-13', 'input:date'],
  ['the day after it', { type: 'date' }, '275760-09-14', 'input:text'],
  ['the end of a day', { type: 'time', step: 'any' }, '24:00:00', 'input:text'],
  ['a leap second', { type: 'time', step: 'any' }, '23:59:60', 'input:text'],
  ['milliseconds in a time', { type: 'time', step: 'any' }, '12:34:56.789', 'input:time'],
  ['microseconds in a time', { type: 'time', step: 'any' }, '12:34:56.789012', 'input:text'],
  ['a timestamp past a date input', { type: 'datetime-local', step: 'any' }, '294276-12-31T23:59:59', 'input:text'],
]

describe('fitControl', () => {
  for (const [name, widget, input, expected] of cases) {
    it(name, () => {
      const control = fitControl(widget, input, 'NULL')
      const shape = control.type === 'input' ? `input:${control.inputType}` : control.type
      assert.equal(shape, expected)
      if (control.type === 'input' || control.type === 'textarea' || control.type === 'select')
        assert.equal(control.value, input)
    })
  }

  it('keeps a stored choice that is not in the list selectable', () => {
    const control = fitControl({ type: 'select', options: ['a', 'b'] }, 'legacy', '— choose —')
    assert.deepEqual(control.type === 'select' && control.options.map((o) => o.value), ['', 'a', 'b', 'legacy'])
  })

  it('gives NULL and a choice labelled with the empty text different option values', () => {
    const widget: WidgetSpec = { type: 'select', options: ['', ' padded ', 'NULL', '\\x'] }
    const none = fitControl(widget, null, 'NULL')
    const empty = fitControl(widget, '', 'NULL')
    assert.ok(none.type === 'select' && empty.type === 'select')
    assert.deepEqual(
      none.options.map((o) => o.value),
      ['', '\\', ' padded ', 'NULL', '\\\\x'],
    )
    assert.equal(none.value, '')
    assert.equal(empty.value, '\\')
    for (const option of none.options)
      assert.equal(readChoice(option.value), option.value === '' ? undefined : option.value.replace(/^\\/, ''))
  })
})
