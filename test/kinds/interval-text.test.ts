import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { kindOf } from '../../src/kinds/registry.js'
import { openPgClient, suiteFixture } from '../helpers/test-db.js'
import { makeColumn } from './make-column.js'

/** [input, an interval?] — Postgres's own answers (checked against the server below), the same on both dialects. */
const expectations: ReadonlyArray<readonly [string, boolean]> = [
  ['1 day 02:00:00', true],
  ['3 hours', true],
  ['P1Y2M3DT4H5M6S', true],
  ['@ 1 hour ago', true],
  ['1 year 2 mons 3 days 04:05:06.789', true],
  ['-1 days', true],
  ['1 day -01:00', true],
  ['1.5 hours', true],
  ['.5 days', true],
  ['1day', true],
  ['1 week 1 day', true],
  ['1 2:00', true],
  ['30 1 hour', true],
  ['5', true],
  ['1-2', true],
  ['1-2 3 4:05:06', true],
  ['00:00:60', true],
  ['100:00:00', true],
  ['1 hour, 2 minutes', true],
  ['2 HOURS', true],
  ['1 ms', true],
  ['1 microseconds', true],
  ['1 millennium', true],
  ['1 hour 2 minutes ago', true],
  ['PT', true],
  ['P1W', true],
  ['P0.5Y', true],
  ['P-1Y-2M', true],
  ['PT1.5S', true],
  ['P0001-02-03T04:05:06', true],
  ['infinity', true],
  ['-infinity', true],
  ['2147483647 days', true],
  ['178956970 years', true],
  ['P1X', false],
  ['1 fortnight', false],
  ['1 day 1 day', false],
  ['1 hour 1 hours', false],
  ['02:00 3 hours', false],
  ['10 seconds 02:00', false],
  ['1.5 seconds 1 millisecond', false],
  ['1 2', false],
  ['1,5 days', false],
  ['ago', false],
  ['1 ago', false],
  ['ago 1 hour', false],
  ['1 hour ago ago', false],
  ['1 day hour', false],
  ['1 dayx', false],
  ['1e3 seconds', false],
  ['00:60:00', false],
  ['1-12', false],
  ['P', false],
  ['P1H', false],
  ['PT1D', false],
  ['p1y', false],
  ['P+1Y', false],
  ['@', false],
  ['', false],
  ['now', false],
  ['1\u00a0day', false],
  ['2147483648 days', false],
  ['178956971 years', false],
  ['2562048000 hours', false],
]

const interval = makeColumn({ kind: 'interval', baseType: 'interval' })

describe('interval grammar', () => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`accepts and refuses the same inputs on ${dialect}`, () => {
      const wrong = expectations.filter(
        ([input, expected]) => kindOf(interval).parse(input, interval, dialect).ok !== expected,
      )
      assert.deepEqual(wrong, [])
    })
  }

  describe('agrees with Postgres', () => {
    const pgServer = suiteFixture(openPgClient)

    it('on every input of the table', async () => {
      const disagreements: string[] = []
      for (const [input, expected] of expectations) {
        const parsed = kindOf(interval).parse(input, interval, 'postgres')
        const value = parsed.ok ? parsed.value : input
        const accepted = await pgServer.client.query('select $1::interval', [value]).then(
          () => true,
          () => false,
        )
        if (accepted !== expected)
          disagreements.push(`${JSON.stringify(input)}: Postgres ${accepted ? 'takes' : 'refuses'} it`)
      }
      assert.deepEqual(disagreements, [])
    })
  })
})
