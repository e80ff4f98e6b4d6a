import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Column, DialectName } from '../../src/introspect/metadata.js'
import type { DisplayValue } from '../../src/kinds/kind.js'
import { kindOf } from '../../src/kinds/registry.js'
import { makeColumn } from './make-column.js'

type Case = readonly [
  DialectName,
  Partial<Column> & Pick<Column, 'kind'>,
  unknown,
  number | undefined,
  Partial<DisplayValue>,
]

const cases: readonly Case[] = [
  ['postgres', { kind: 'text' }, null, undefined, { text: 'NULL', isNull: true, isEmpty: false }],
  ['postgres', { kind: 'text' }, '', undefined, { text: '', isNull: false, isEmpty: true }],
  ['postgres', { kind: 'text' }, 'NULL', undefined, { text: 'NULL', isNull: false }],
  ['postgres', { kind: 'text' }, 'abcdefghij', 4, { text: 'abcd…', full: 'abcdefghij' }],
  ['postgres', { kind: 'text' }, 'abcdefghij', undefined, { text: 'abcdefghij', full: undefined }],
  // A long value's title stops at 1,000 characters (a list of long texts stays a small page); pairs stay whole.
  ['postgres', { kind: 'text' }, 'x'.repeat(5000), 3, { text: 'xxx…', full: `${'x'.repeat(1000)}…` }],
  ['postgres', { kind: 'text' }, '😀'.repeat(1500), 2, { text: '😀😀…', full: `${'😀'.repeat(1000)}…` }],
  ['postgres', { kind: 'text' }, 'y'.repeat(1000), 3, { text: 'yyy…', full: 'y'.repeat(1000) }],
  ['postgres', { kind: 'text' }, '🎉🎉🎉', 2, { text: '🎉🎉…' }],
  ['sqlite', { kind: 'text' }, 42, undefined, { text: '42' }],
  ['postgres', { kind: 'integer' }, 7, undefined, { text: '7', style: 'number' }],
  ['postgres', { kind: 'bigint' }, '9223372036854775807', 3, { text: '9223372036854775807', style: 'number' }],
  ['sqlite', { kind: 'bigint' }, 12, undefined, { text: '12' }],
  ['postgres', { kind: 'decimal' }, '12.3400', undefined, { text: '12.3400', style: 'number' }],
  // At least the declared scale, never fewer digits than stored (see value-display.test.ts).
  ['postgres', { kind: 'decimal', precision: 10, scale: 2 }, '12.3', undefined, { text: '12.30' }],
  // SQLite keeps DECIMAL(10,2) as INTEGER or REAL: the declared scale is shown.
  ['sqlite', { kind: 'decimal', precision: 10, scale: 2 }, 49, undefined, { text: '49.00', style: 'number' }],
  ['sqlite', { kind: 'decimal', precision: 10, scale: 2 }, 19.99, undefined, { text: '19.99' }],
  ['sqlite', { kind: 'decimal', precision: 10, scale: 2 }, '1e999', undefined, { text: '1e999' }],
  ['postgres', { kind: 'float' }, NaN, undefined, { text: 'NaN' }],
  ['postgres', { kind: 'float' }, -0, undefined, { text: '-0' }],
  ['postgres', { kind: 'boolean' }, true, undefined, { text: 'true', style: 'boolean-true' }],
  ['sqlite', { kind: 'boolean' }, 0, undefined, { text: 'false', style: 'boolean-false' }],
  ['sqlite', { kind: 'boolean' }, null, undefined, { isNull: true }],
  [
    'postgres',
    { kind: 'datetime' },
    '2024-01-02 03:04:05.123456+05:30',
    undefined,
    { text: '2024-01-01 21:34:05.123456 UTC', time: { datetime: '2024-01-01T21:34:05.123Z', zoned: true } },
  ],
  ['postgres', { kind: 'json' }, '{"a": [1, 2], "s": "x y"}', 100, { text: '{"a":[1,2],"s":"x y"}', style: 'json' }],
  ['postgres', { kind: 'json' }, '{"a": [1, 2]}', 5, { text: '{"a":…', full: '{"a": [1, 2]}' }],
  [
    'postgres',
    { kind: 'json' },
    `{"a": "${'z'.repeat(2000)}"}`,
    5,
    { text: '{"a":…', full: `{"a": "${'z'.repeat(993)}…` },
  ],
  [
    'postgres',
    { kind: 'json' },
    '{"a": [1, 2], "b": {}}',
    undefined,
    { text: '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}' },
  ],
  [
    'postgres',
    { kind: 'json' },
    '{"big": 123456789012345678901234567890}',
    100,
    { text: '{"big":123456789012345678901234567890}' },
  ],
  [
    'postgres',
    { kind: 'binary' },
    Buffer.from('0102030405060708090a', 'hex'),
    undefined,
    { text: '10 bytes · 0102030405060708…', style: 'binary' },
  ],
  ['sqlite', { kind: 'binary' }, Buffer.alloc(0), undefined, { text: '0 bytes', isEmpty: true }],
  ['sqlite', { kind: 'binary' }, Buffer.alloc(1), undefined, { text: '1 byte · 00' }],
  ['postgres', { kind: 'array' }, ['a', null, 'b c'], undefined, { text: '{a,NULL,"b c"}', style: 'mono' }],
  ['postgres', { kind: 'uuid' }, '123e4567-e89b-12d3-a456-426614174000', undefined, { style: 'mono' }],
  [
    'sqlite',
    { kind: 'uuid' },
    Buffer.from('123e4567e89b12d3a456426614174000', 'hex'),
    undefined,
    { text: '123e4567-e89b-12d3-a456-426614174000' },
  ],
  ['sqlite', { kind: 'unknown' }, 3.5, undefined, { text: '3.5' }],
]

describe('kinds: format', () => {
  for (const [dialect, columnFields, value, truncate, expected] of cases) {
    it(`${columnFields.kind} ${JSON.stringify(value) ?? String(value)} on ${dialect}${truncate ? ` cut at ${truncate}` : ''}`, () => {
      const column = makeColumn(columnFields)
      const shown = kindOf(column).format(value, column, truncate === undefined ? { dialect } : { dialect, truncate })
      for (const [key, want] of Object.entries(expected)) {
        assert.deepEqual(shown[key as keyof DisplayValue], want, key)
      }
    })
  }
})

describe('kinds: geometric values node-postgres parses into objects', () => {
  it('shows and edits a point and a circle in Postgres notation', () => {
    const column = makeColumn({ kind: 'unknown', baseType: 'point' })
    const kind = kindOf(column)
    assert.equal(kind.toInput({ x: 1.5, y: -2 }, column, 'postgres'), '(1.5,-2)')
    assert.equal(kind.format({ x: 1, y: 2, radius: 3 }, column, { dialect: 'postgres' }).text, '<(1,2),3>')
  })
})
