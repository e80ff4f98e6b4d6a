import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Column, DialectName } from '../../src/introspect/metadata.js'
import { kindOf } from '../../src/kinds/registry.js'
import { makeColumn } from './make-column.js'

type Column_ = Partial<Column> & Pick<Column, 'kind'>
/** [dialect, column, form input, value written] */
const accepted: ReadonlyArray<readonly [DialectName, Column_, string, unknown]> = [
  ['postgres', { kind: 'integer', baseType: 'int4' }, ' +007 ', 7],
  ['sqlite', { kind: 'integer' }, '9007199254740993', '9007199254740993'],
  ['postgres', { kind: 'bigint' }, '-0012', '-12'],
  ['postgres', { kind: 'decimal', precision: 5, scale: 2 }, '123.45', '123.45'],
  ['postgres', { kind: 'decimal', precision: 5, scale: 2 }, '1.500', '1.500'],
  ['postgres', { kind: 'decimal', precision: 5, scale: 2 }, '.5', '.5'],
  ['postgres', { kind: 'float' }, '2e-3', 0.002],
  ['postgres', { kind: 'boolean' }, 'on', true],
  ['sqlite', { kind: 'boolean' }, 'true', 1],
  ['sqlite', { kind: 'boolean' }, 'false', 0],
  ['postgres', { kind: 'date' }, '2024-02-29', '2024-02-29'],
  ['postgres', { kind: 'datetime', baseType: 'timestamp' }, '2024-01-02T03:04', '2024-01-02 03:04:00'],
  ['postgres', { kind: 'datetime', baseType: 'timestamp' }, '2024-01-02T03:04:05.678', '2024-01-02 03:04:05.678'],
  ['postgres', { kind: 'datetime', baseType: 'timestamptz' }, '2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z'],
  ['postgres', { kind: 'time', baseType: 'time' }, '09:30', '09:30:00'],
  ['postgres', { kind: 'uuid' }, '{123E4567E89B12D3A456426614174000}', '123e4567-e89b-12d3-a456-426614174000'],
  ['postgres', { kind: 'json' }, '{"a":1}', '{"a":1}'],
  ['postgres', { kind: 'json' }, 'null', 'null'],
  ['postgres', { kind: 'array' }, '["a", "b c", null, 1]', '{a,"b c",NULL,1}'],
  ['postgres', { kind: 'array' }, ' {1,2} ', '{1,2}'],
  ['postgres', { kind: 'array' }, '[1:2]={1,2}', '[1:2]={1,2}'],
  ['postgres', { kind: 'binary' }, '\\x0AfF', Buffer.from([10, 255])],
  ['sqlite', { kind: 'binary' }, '0x00 01', Buffer.from([0, 1])],
  ['sqlite', { kind: 'binary' }, '', Buffer.alloc(0)],
  ['postgres', { kind: 'network', baseType: 'cidr' }, '10.0.0.0/8', '10.0.0.0/8'],
  ['postgres', { kind: 'network', baseType: 'macaddr8' }, '08:00:2b:01:02:03:04:05', '08:00:2b:01:02:03:04:05'],
  ['postgres', { kind: 'enum', choices: ['a', 'b'] }, 'b', 'b'],
  ['postgres', { kind: 'interval' }, '3 hours', '3 hours'],
  ['postgres', { kind: 'text' }, '  kept as typed  ', '  kept as typed  '],
]

/** [dialect, column, form input, words the message must contain] */
const refused: ReadonlyArray<readonly [DialectName, Column_, string, string]> = [
  ['postgres', { kind: 'integer', baseType: 'int4' }, '1.5', 'whole number'],
  ['postgres', { kind: 'integer', baseType: 'int4' }, '2147483648', 'from -2147483648 to 2147483647'],
  ['postgres', { kind: 'integer', baseType: 'int2' }, '40000', 'to 32767'],
  ['sqlite', { kind: 'integer' }, '9223372036854775808', 'to 9223372036854775807'],
  ['postgres', { kind: 'bigint' }, 'abc', 'whole number'],
  ['postgres', { kind: 'decimal', precision: 5, scale: 2 }, '1.234', 'At most 2 digits after'],
  ['postgres', { kind: 'decimal', precision: 5, scale: 2 }, '1234', 'At most 3 digits before'],
  ['postgres', { kind: 'decimal', precision: 5, scale: 0 }, '1.5', 'whole number'],
  ['postgres', { kind: 'decimal' }, '1,5', 'Enter a number'],
  ['sqlite', { kind: 'decimal' }, 'NaN', 'Enter a number'],
  ['postgres', { kind: 'float' }, 'ten', 'Enter a number'],
  ['postgres', { kind: 'float' }, '1e999', 'too large'],
  ['sqlite', { kind: 'float' }, 'NaN', 'cannot store NaN'],
  ['postgres', { kind: 'boolean' }, 'maybe', 'true or false'],
  ['postgres', { kind: 'date' }, '2023-02-29', 'date like'],
  ['sqlite', { kind: 'date' }, '31/01/2024', 'date like'],
  ['postgres', { kind: 'datetime', baseType: 'timestamp' }, '2024-01-02 25:00', 'date and time'],
  ['postgres', { kind: 'datetime', baseType: 'timestamptz' }, 'tomorrow', '+00'],
  ['postgres', { kind: 'time', baseType: 'time' }, '12:60', 'time like'],
  ['postgres', { kind: 'interval' }, 'forever', 'interval like'],
  ['postgres', { kind: 'uuid' }, '123', 'UUID'],
  ['postgres', { kind: 'json' }, '{a:1}', 'valid JSON'],
  ['postgres', { kind: 'json' }, '', 'valid JSON'],
  ['postgres', { kind: 'array' }, '{a,b', 'list like'],
  ['postgres', { kind: 'array' }, '{a}x', 'list like'],
  ['postgres', { kind: 'array' }, '["a"', 'list like'],
  ['postgres', { kind: 'array' }, '', 'list like'],
  ['postgres', { kind: 'binary' }, 'abc', 'hexadecimal'],
  ['postgres', { kind: 'binary' }, 'zz', 'hexadecimal'],
  ['postgres', { kind: 'network', baseType: 'inet' }, '300.1.1.1', 'IP address'],
  ['postgres', { kind: 'network', baseType: 'inet' }, '10.0.0.0/33', 'IP address'],
  ['postgres', { kind: 'network', baseType: 'macaddr' }, '08:00:2b', 'MAC address'],
  ['postgres', { kind: 'enum', choices: ['a', 'b'] }, 'c', 'Choose one of: a, b'],
]

describe('kinds: parse accepts', () => {
  for (const [dialect, fields, input, value] of accepted) {
    it(`${fields.kind} ${JSON.stringify(input)} on ${dialect}`, () => {
      const column = makeColumn(fields)
      assert.deepEqual(kindOf(column).parse(input, column, dialect), { ok: true, value })
    })
  }
})

describe('kinds: parse refuses with a message', () => {
  for (const [dialect, fields, input, words] of refused) {
    it(`${fields.kind} ${JSON.stringify(input)} on ${dialect}`, () => {
      const column = makeColumn(fields)
      const result = kindOf(column).parse(input, column, dialect)
      assert.equal(result.ok, false)
      assert.ok(!result.ok && result.message.includes(words), !result.ok ? result.message : '')
    })
  }
})

describe('kinds: schema', () => {
  it('counts characters, not UTF-16 units, against a varchar length', () => {
    const column = makeColumn({ kind: 'text', length: 3 })
    const schema = kindOf(column).schema(column)
    assert.equal(schema.safeParse('🎉🎉🎉').success, true)
    assert.equal(schema.safeParse('abcd').success, false)
  })
  it('limits an enum to its choices and a decimal to its precision', () => {
    const mood = makeColumn({ kind: 'enum', choices: ['sad', 'happy'] })
    assert.equal(kindOf(mood).schema(mood).safeParse('sad').success, true)
    assert.equal(kindOf(mood).schema(mood).safeParse('angry').success, false)
    const price = makeColumn({ kind: 'decimal', precision: 4, scale: 2 })
    assert.equal(kindOf(price).schema(price).safeParse('12.34').success, true)
    assert.equal(kindOf(price).schema(price).safeParse('123.4').success, false)
  })
})
