import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Column } from '../../src/introspect/metadata.js'
import { kindOf } from '../../src/kinds/registry.js'
import { openPgClient, suiteFixture } from '../helpers/test-db.js'
import { makeColumn } from './make-column.js'

type Spec = Partial<Column> & Pick<Column, 'kind'>
/** [Postgres type, column, input, taken?]: what a filter, key or form may bind, as Postgres itself answers. */
const cases: ReadonlyArray<readonly [string, Spec, string, boolean]> = [
  ['text', { kind: 'text' }, 'a\u0000b', false],
  ['text', { kind: 'text' }, 'ünï ✓', true],
  ['money', { kind: 'text', baseType: 'money' }, '-$1,234.50', true],
  ['money', { kind: 'text', baseType: 'money' }, '12.5', true],
  ['money', { kind: 'text', baseType: 'money' }, '$abc', false],
  ['money', { kind: 'text', baseType: 'money' }, '92233720368547758.06', true],
  ['money', { kind: 'text', baseType: 'money' }, '92233720368547758.08', false],
  ['bit(4)', { kind: 'text', baseType: 'bit' }, '1010', true],
  ['bit(4)', { kind: 'text', baseType: 'bit' }, 'Infinity', false],
  ['date', { kind: 'date', baseType: 'date' }, '0001-01-01', true],
  ['date', { kind: 'date', baseType: 'date' }, '0000-01-01', false],
  ['date', { kind: 'date', baseType: 'date' }, '4714-11-24 BC', true],
  ['date', { kind: 'date', baseType: 'date' }, '4714-11-23 BC', false],
  ['date', { kind: 'date', baseType: 'date' }, '5874897-12-31', true],
  ['date', { kind: 'date', baseType: 'date' }, '5874898-01-01', false],
  ['timestamp', { kind: 'datetime', baseType: 'timestamp' }, '294276-12-31 23:59:59', true],
  ['timestamp', { kind: 'datetime', baseType: 'timestamp' }, '294277-01-01 00:00:00', false],
  ['timestamptz', { kind: 'datetime', baseType: 'timestamptz' }, '2024-01-01 10:00:00+15:59', true],
  ['timestamptz', { kind: 'datetime', baseType: 'timestamptz' }, '2024-01-01 10:00:00+16', false],
  ['time', { kind: 'time', baseType: 'time' }, '24:00:00', true],
  ['time', { kind: 'time', baseType: 'time' }, '24:00:00.1', false],
  ['timetz', { kind: 'time', baseType: 'timetz' }, '10:00+16', false],
  ['numeric(5,2)', { kind: 'decimal', baseType: 'numeric', precision: 5, scale: 2 }, 'NaN', true],
  ['numeric(5,2)', { kind: 'decimal', baseType: 'numeric', precision: 5, scale: 2 }, 'Infinity', false],
  ['numeric', { kind: 'decimal', baseType: 'numeric' }, 'Infinity', true],
  ['real', { kind: 'float', baseType: 'float4' }, '3.4028234e38', true],
  ['real', { kind: 'float', baseType: 'float4' }, '1e39', false],
  ['real', { kind: 'float', baseType: 'float4' }, '1e-46', false],
  ['cidr', { kind: 'network', baseType: 'cidr' }, '10.0.0.0/8', true],
  ['cidr', { kind: 'network', baseType: 'cidr' }, '10.0.0.1/8', false],
  ['cidr', { kind: 'network', baseType: 'cidr' }, '2001:db8::/32', true],
  ['cidr', { kind: 'network', baseType: 'cidr' }, '::1/64', false],
  ['inet', { kind: 'network', baseType: 'inet' }, 'fe80::1%eth0', false],
  ['macaddr', { kind: 'network', baseType: 'macaddr' }, '08:00:2b:01:02:03:04:05', false],
  ['jsonb', { kind: 'json', baseType: 'jsonb' }, '{"a":"\\u0000"}', false],
  ['jsonb', { kind: 'json', baseType: 'jsonb' }, '{"a":"\\\\u0000"}', true],
  ['jsonb', { kind: 'json', baseType: 'jsonb' }, '"\\ud800"', false],
  ['text[]', { kind: 'array', baseType: '_text' }, '{"a\u0000"}', false],
]

describe('kinds read Postgres input as the server does', () => {
  const pgServer = suiteFixture(openPgClient)

  it('takes exactly what Postgres takes, before any SQL', async () => {
    const wrong: string[] = []
    for (const [type, spec, input, taken] of cases) {
      const column = makeColumn(spec)
      const parsed = kindOf(column).parse(input, column, 'postgres')
      const server = await pgServer.client.query(`select $1::${type}`, [parsed.ok ? parsed.value : input]).then(
        () => true,
        () => false,
      )
      const shown = `${type} ${JSON.stringify(input)}`
      if (parsed.ok !== taken) wrong.push(`${shown}: the kind ${parsed.ok ? 'takes' : 'refuses'} it`)
      if (server !== taken) wrong.push(`${shown}: Postgres ${server ? 'takes' : 'refuses'} it`)
    }
    assert.deepEqual(wrong, [])
  })

  it('says why NUL is refused', () => {
    const column = makeColumn({ kind: 'text' })
    const parsed = kindOf(column).parse('a\u0000b', column, 'postgres')
    assert.ok(!parsed.ok && /NUL/.test(parsed.message))
    assert.ok(kindOf(column).parse('a\u0000b', column, 'sqlite').ok, 'SQLite text holds NUL')
  })
})
