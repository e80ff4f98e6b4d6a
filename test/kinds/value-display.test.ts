import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Column, DialectName } from '../../src/introspect/metadata.js'
import type { DisplayValue, FormatOptions } from '../../src/kinds/kind.js'
import { kindOf } from '../../src/kinds/registry.js'
import { makeColumn } from './make-column.js'
import { kindCell } from '../../src/http/cell-model.js'
import { listCellHtml } from '../../views/components/cell.js'

type Case = readonly [
  string,
  DialectName,
  Partial<Column> & Pick<Column, 'kind'>,
  unknown,
  Omit<FormatOptions, 'dialect'>,
  Partial<DisplayValue>,
]

const numeric102 = { kind: 'decimal', baseType: 'numeric', precision: 10, scale: 2 } as const
const numeric = { kind: 'decimal', baseType: 'numeric' } as const
const money = { kind: 'text', baseType: 'money' } as const
const timestamp = { kind: 'datetime', baseType: 'timestamp' } as const
const timestamptz = { kind: 'datetime', baseType: 'timestamptz' } as const
const sqliteDatetime = { kind: 'datetime', baseType: 'datetime' } as const

// Display only: the text shown, never what a form or export holds (see test/http/value-display.test.ts).
const cases: readonly Case[] = [
  ['numeric(10,2) at its scale', 'postgres', numeric102, '1503.50', {}, { text: '1,503.50', style: 'number' }],
  ['numeric(10,2) from a REAL', 'sqlite', numeric102, 1503.5, {}, { text: '1,503.50', style: 'number' }],
  ['numeric(10,2) more digits than the scale', 'sqlite', numeric102, 1503.125, {}, { text: '1,503.125' }],
  ['negative numeric(10,2)', 'postgres', numeric102, '-1234567.05', {}, { text: '-1,234,567.05' }],
  ['unconstrained numeric', 'postgres', numeric, '1234567.891', {}, { text: '1,234,567.891' }],
  ['unconstrained numeric, whole', 'sqlite', numeric, 1503, {}, { text: '1,503' }],
  [
    'a numeric beyond a double',
    'postgres',
    numeric,
    '123456789012345678901234567890.12',
    {},
    { text: '123,456,789,012,345,678,901,234,567,890.12' },
  ],
  ['a fraction too long for Intl', 'postgres', numeric, `0.${'1'.repeat(30)}`, {}, { text: `0.${'1'.repeat(30)}` }],
  ['NaN', 'postgres', numeric, 'NaN', {}, { text: 'NaN' }],
  ['numeric(10,2) with a currency', 'postgres', numeric102, '1503.50', { currency: 'EUR' }, { text: '€1,503.50' }],
  [
    'a currency in another locale',
    'sqlite',
    numeric102,
    1503.5,
    { currency: 'EUR', locale: 'de-DE' },
    { text: '1.503,50\u00a0€' },
  ],
  ['unconstrained numeric with a currency', 'postgres', numeric, '7', { currency: 'USD' }, { text: '$7.00' }],
  ['money as the server writes it', 'postgres', money, '$1,503.50', {}, { text: '$1,503.50', style: 'number' }],
  ['money with a currency', 'postgres', money, '-$1,503.50', { currency: 'EUR' }, { text: '-€1,503.50' }],
  ['money is text on SQLite', 'sqlite', money, '$1,503.50', {}, { text: '$1,503.50', style: 'plain' }],
  [
    'timestamptz in UTC',
    'postgres',
    timestamptz,
    '2024-01-31 14:05:00+00',
    {},
    { text: '2024-01-31 14:05:00 UTC', time: { datetime: '2024-01-31T14:05:00Z', zoned: true } },
  ],
  [
    'timestamptz in another session zone',
    'postgres',
    timestamptz,
    '2024-01-31 15:05:00.123456+01',
    {},
    { text: '2024-01-31 14:05:00.123456 UTC', time: { datetime: '2024-01-31T14:05:00.123Z', zoned: true } },
  ],
  [
    'naive timestamp',
    'postgres',
    timestamp,
    '2024-01-31 14:05:00',
    {},
    { text: '2024-01-31 14:05:00', time: { datetime: '2024-01-31T14:05:00', zoned: false } },
  ],
  [
    'SQLite text with an offset',
    'sqlite',
    sqliteDatetime,
    '2024-01-31T16:05:00+02:00',
    {},
    { text: '2024-01-31 14:05:00 UTC', time: { datetime: '2024-01-31T14:05:00Z', zoned: true } },
  ],
  [
    'SQLite text without one',
    'sqlite',
    sqliteDatetime,
    '2024-01-31 14:05:00',
    {},
    { text: '2024-01-31 14:05:00', time: { datetime: '2024-01-31T14:05:00', zoned: false } },
  ],
  ['infinity', 'postgres', timestamptz, 'infinity', {}, { text: 'infinity', time: undefined }],
  ['a unix time', 'sqlite', sqliteDatetime, 1706709900, {}, { text: '1706709900', time: undefined }],
]

describe('kinds: value display', () => {
  for (const [name, dialect, columnFields, value, options, expected] of cases) {
    it(`${name} on ${dialect}`, () => {
      const column = makeColumn(columnFields)
      const shown = kindOf(column).format(value, column, { dialect, ...options })
      for (const [key, want] of Object.entries(expected)) {
        assert.deepEqual(shown[key as keyof DisplayValue], want, key)
      }
    })
  }
})

describe('decimals in en-US without a currency', () => {
  // They are grouped without Intl (the list's most common number); Intl is the reference they must equal.
  it('read exactly as Intl.NumberFormat writes them', () => {
    const texts = ['0', '-0', '+7', '007.5', '-0.5', '999', '1000', '-1000.1', '123456789012345678901234.5', '0.000001']
    for (const text of texts) {
      for (const scale of [null, 0, 2, 6]) {
        const stored = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0
        const digits = Math.max(stored, scale ?? 0)
        const intl = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
        const column = makeColumn({ kind: 'decimal', baseType: 'numeric', precision: 40, scale })
        const shown = kindOf(column).format(text, column, { dialect: 'postgres' })
        assert.equal(shown.text, intl.format(text as unknown as number), `${text} at scale ${scale}`)
      }
    }
  })
})

describe('a time in a cell', () => {
  const cellOf = (dialect: DialectName, column: Partial<Column> & Pick<Column, 'kind'>, value: unknown) =>
    listCellHtml(kindCell(kindOf(makeColumn(column)), makeColumn(column), value, { dialect }), { zoneNoted: true })

  it('leaves out datetime where its text is that value, and keeps it wherever the text says more or less', () => {
    // The text is a valid local date and time: HTML (and steward.js) read it when the attribute is absent.
    assert.equal(cellOf('sqlite', sqliteDatetime, '2024-01-31 14:05:00'), '<time>2024-01-31 14:05:00</time>')
    assert.equal(cellOf('postgres', timestamp, '2024-01-31 14:05:00.123'), '<time>2024-01-31 14:05:00.123</time>')
    // More than milliseconds: HTML reads at most three digits of a second, so the attribute stays.
    assert.equal(
      cellOf('postgres', timestamp, '2024-01-31 14:05:00.123456'),
      '<time datetime="2024-01-31T14:05:00.123">2024-01-31 14:05:00.123456</time>',
    )
    assert.match(cellOf('sqlite', sqliteDatetime, '2024-01-31T14:05:00'), /^<time( datetime="2024-01-31T14:05:00")?>/)
    assert.match(
      cellOf('postgres', timestamptz, '2024-01-31 14:05:00+00'),
      /^<time datetime="2024-01-31T14:05:00Z" data-zoned>/,
    )
  })
})
