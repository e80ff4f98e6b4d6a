import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Column, DialectName } from '../../src/introspect/metadata.js'
import { kindOf } from '../../src/kinds/registry.js'
import { makeColumn } from './make-column.js'

// Values in the shapes the drivers return them (see src/db/connect.ts); parse(toInput(v)) must give v back.
const cases: ReadonlyArray<readonly [DialectName, Partial<Column> & Pick<Column, 'kind'>, readonly unknown[]]> = [
  ['postgres', { kind: 'text' }, ['', 'hello', ' padded ', 'line\nbreak', 'émoji 🎉', 'NULL']],
  ['sqlite', { kind: 'text' }, ['', 'x', '  ']],
  ['postgres', { kind: 'integer', baseType: 'int4' }, [0, -1, 2147483647, -2147483648]],
  ['postgres', { kind: 'integer', baseType: 'int2' }, [32767, -32768]],
  [
    'sqlite',
    { kind: 'integer', baseType: 'INTEGER' },
    [0, 42, Number.MAX_SAFE_INTEGER, '9223372036854775807', '-9223372036854775808'],
  ],
  ['postgres', { kind: 'bigint', baseType: 'int8' }, ['0', '-5', '9223372036854775807', '-9223372036854775808']],
  ['sqlite', { kind: 'bigint', baseType: 'BIGINT' }, ['9007199254740993']],
  [
    'postgres',
    { kind: 'decimal', baseType: 'numeric', precision: 38, scale: 10 },
    ['12.3400000000', '-0.0000000001', '1234567890123456789012345678.0000000000'],
  ],
  ['postgres', { kind: 'decimal', baseType: 'numeric' }, ['NaN', 'Infinity', '3.14159265358979323846264338327950288']],
  ['sqlite', { kind: 'decimal', baseType: 'NUMERIC' }, ['12.5', '7']],
  [
    'postgres',
    { kind: 'float', baseType: 'float8' },
    [0, 1.1, 0.1 + 0.2, -1e-300, 1.7976931348623157e308, NaN, Infinity, -Infinity],
  ],
  ['postgres', { kind: 'float', baseType: 'float4' }, [1.1, 3.4028234663852886e38]],
  ['sqlite', { kind: 'float', baseType: 'REAL' }, [5e-324, 123.456, Infinity]],
  ['postgres', { kind: 'boolean', baseType: 'bool' }, [true, false]],
  ['sqlite', { kind: 'boolean', baseType: 'BOOLEAN' }, [1, 0]],
  [
    'postgres',
    { kind: 'date', baseType: 'date' },
    ['2024-02-29', '0044-03-15 BC', 'infinity', '-infinity', '10000-01-01'],
  ],
  ['sqlite', { kind: 'date', baseType: 'DATE' }, ['2024-01-31']],
  [
    'postgres',
    { kind: 'datetime', baseType: 'timestamp' },
    ['2024-01-02 03:04:05', '2024-01-02 03:04:05.123456', '2024-01-02 00:00:00', '0044-03-15 12:00:00 BC', 'infinity'],
  ],
  [
    'postgres',
    { kind: 'datetime', baseType: 'timestamptz' },
    ['2024-01-02 03:04:05.5+00', '2024-01-02 03:04:05+05:30', '1900-01-01 00:00:00+00:53:28'],
  ],
  [
    'sqlite',
    { kind: 'datetime', baseType: 'DATETIME' },
    ['2024-01-02 03:04:05', '2024-01-02T03:04:05.123Z', '2024-01-02 03:04', '1700000000'],
  ],
  ['postgres', { kind: 'time', baseType: 'time' }, ['03:04:05', '23:59:59.999999', '24:00:00']],
  ['postgres', { kind: 'time', baseType: 'timetz' }, ['03:04:05+02', '03:04:05.25-03:30']],
  ['sqlite', { kind: 'time', baseType: 'TIME' }, ['03:04', '03:04:05']],
  [
    'postgres',
    { kind: 'interval', baseType: 'interval' },
    ['1 day 02:03:04', '1 year 2 mons', '-00:00:01', '00:00:00'],
  ],
  ['postgres', { kind: 'uuid', baseType: 'uuid' }, ['123e4567-e89b-12d3-a456-426614174000']],
  ['sqlite', { kind: 'uuid', baseType: 'UUID' }, ['123E4567-E89B-12D3-A456-426614174000']],
  [
    'postgres',
    { kind: 'json', baseType: 'jsonb' },
    ['{"a": 1, "b": [true, null]}', 'null', '"text"', '{"big": 123456789012345678901234567890}'],
  ],
  ['sqlite', { kind: 'json', baseType: 'JSON' }, ['{"a":1}', ' [ 1 , 2 ] ']],
  ['postgres', { kind: 'enum', baseType: 'mood', choices: ['sad', 'ok', 'happy'] }, ['sad', 'happy']],
  ['postgres', { kind: 'array', baseType: '_text' }, ['{}', '{a,"b c","",NULL,"null","q\\"uote"}', '{{1,2},{3,4}}']],
  ['postgres', { kind: 'binary', baseType: 'bytea' }, [Buffer.alloc(0), Buffer.from([0, 1, 254, 255])]],
  ['sqlite', { kind: 'binary', baseType: 'BLOB' }, [Buffer.from('hello')]],
  ['postgres', { kind: 'network', baseType: 'inet' }, ['192.168.0.1', '10.0.0.0/8', '::1', '2001:db8::/32']],
  ['postgres', { kind: 'network', baseType: 'macaddr' }, ['08:00:2b:01:02:03']],
  ['postgres', { kind: 'unknown', baseType: 'point' }, ['(1,2)']],
]

describe('kinds: parse(toInput(v)) gives back v', () => {
  for (const [dialect, columnFields, values] of cases) {
    const column = makeColumn(columnFields)
    it(`${dialect} ${column.kind} (${column.baseType})`, () => {
      const kind = kindOf(column)
      for (const value of values) {
        const input = kind.toInput(value, column, dialect)
        assert.equal(typeof input, 'string')
        const result = kind.parse(input, column, dialect)
        assert.ok(result.ok, `parse(${JSON.stringify(input)}) failed: ${result.ok ? '' : result.message}`)
        assert.deepEqual(result.value, value, `round trip of ${String(value)}`)
        assert.ok(kind.schema(column).safeParse(result.value).success, `schema rejects ${String(value)}`)
      }
    })
  }
})

describe('kinds: arrays as the driver returns them become literals the server reads back', () => {
  const column = makeColumn({ kind: 'array', baseType: '_int8' })
  const kind = kindOf(column)
  const table: ReadonlyArray<readonly [unknown, string]> = [
    [[], '{}'],
    [['9223372036854775807', null, '-1'], '{9223372036854775807,NULL,-1}'],
    [[1.5, 2], '{1.5,2}'],
    [[true, false], '{t,f}'],
    [['a', 'b c', '', 'NULL', 'x"y', 'back\\slash'], '{a,"b c","","NULL","x\\"y","back\\\\slash"}'],
    [[['a'], ['b']], '{{a},{b}}'],
    [[Buffer.from([1, 255])], '{"\\\\x01ff"}'],
    ['{raw,literal}', '{raw,literal}'],
  ]
  for (const [value, literal] of table) {
    it(JSON.stringify(value), () => {
      assert.equal(kind.toInput(value, column, 'postgres'), literal)
      const parsed = kind.parse(literal, column, 'postgres')
      assert.deepEqual(parsed, { ok: true, value: literal })
    })
  }
})
