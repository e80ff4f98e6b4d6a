import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fitControl } from '../../src/forms/fit-control.js'
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
})
