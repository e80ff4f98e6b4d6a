import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Column, DialectName } from '../../src/introspect/metadata.js'
import type { WidgetSpec } from '../../src/kinds/kind.js'
import { kindOf } from '../../src/kinds/registry.js'
import { makeColumn } from './make-column.js'

const cases: ReadonlyArray<readonly [DialectName, Partial<Column> & Pick<Column, 'kind'>, Partial<WidgetSpec>]> = [
  ['postgres', { kind: 'text', length: 40 }, { type: 'text', maxLength: 40 }],
  ['postgres', { kind: 'text', name: 'sku' }, { type: 'text' }],
  ['sqlite', { kind: 'text', name: 'email' }, { type: 'text' }],
  ['postgres', { kind: 'text', name: 'description' }, { type: 'textarea' }],
  ['sqlite', { kind: 'text', name: 'admin_notes' }, { type: 'textarea' }],
  ['postgres', { kind: 'text', length: 4000 }, { type: 'textarea', maxLength: 4000 }],
  ['postgres', { kind: 'integer' }, { type: 'number', step: '1' }],
  ['postgres', { kind: 'bigint' }, { type: 'text', inputMode: 'numeric' }],
  ['postgres', { kind: 'decimal', precision: 10, scale: 2 }, { type: 'text', inputMode: 'decimal' }],
  ['postgres', { kind: 'decimal' }, { type: 'text', inputMode: 'decimal' }],
  ['postgres', { kind: 'float' }, { type: 'number', step: 'any' }],
  ['postgres', { kind: 'boolean', nullable: false }, { type: 'checkbox' }],
  ['sqlite', { kind: 'boolean', nullable: true }, { type: 'tristate' }],
  ['postgres', { kind: 'enum', choices: ['a', 'b'] }, { type: 'select', options: ['a', 'b'] }],
  ['postgres', { kind: 'date' }, { type: 'date' }],
  ['sqlite', { kind: 'date' }, { type: 'date' }],
  ['postgres', { kind: 'datetime', baseType: 'timestamp' }, { type: 'datetime-local', step: 'any' }],
  ['postgres', { kind: 'datetime', baseType: 'timestamptz' }, { type: 'text' }],
  ['sqlite', { kind: 'datetime', baseType: 'timestamp' }, { type: 'text' }],
  ['postgres', { kind: 'time', baseType: 'time' }, { type: 'time' }],
  ['sqlite', { kind: 'time', baseType: 'time' }, { type: 'text' }],
  ['postgres', { kind: 'json' }, { type: 'json' }],
  ['postgres', { kind: 'binary' }, { type: 'file-or-hex' }],
  ['postgres', { kind: 'array', arrayElementType: 'int4' }, { type: 'text' }],
  ['postgres', { kind: 'uuid' }, { type: 'text' }],
]

describe('kinds: widget', () => {
  for (const [dialect, fields, expected] of cases) {
    it(`${fields.kind} ${JSON.stringify(fields)} on ${dialect}`, () => {
      const column = makeColumn(fields)
      const widget = kindOf(column).widget(column, dialect)
      for (const [key, want] of Object.entries(expected)) assert.deepEqual(widget[key as keyof WidgetSpec], want, key)
    })
  }
  it('gives a datetime-local input a value it can hold, and keeps text it cannot', () => {
    const column = makeColumn({ kind: 'datetime', baseType: 'timestamp' })
    const kind = kindOf(column)
    assert.equal(kind.toInput('2024-01-02 03:04:05', column, 'postgres'), '2024-01-02T03:04:05')
    assert.equal(kind.toInput('2024-01-02 03:04:05.123456', column, 'postgres'), '2024-01-02 03:04:05.123456')
    assert.equal(kind.toInput('2024-01-02 03:04:05', column, 'sqlite'), '2024-01-02 03:04:05')
  })
})

describe('kinds: registry', () => {
  it('has a kind for every column kind, named after it', async () => {
    const { columnKinds } = await import('../../src/introspect/metadata.js')
    for (const name of columnKinds) assert.equal(kindOf({ kind: name }).name, name)
  })
})
