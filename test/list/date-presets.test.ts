import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { datePresets } from '../../src/list/date-presets.js'

const cases: { now: string; expected: Record<string, [string | null, string | null]> }[] = [
  {
    now: '2024-03-15T12:00:00Z',
    expected: {
      Today: ['2024-03-15', '2024-03-15'],
      'Past 7 days': ['2024-03-09', '2024-03-15'],
      'This month': ['2024-03-01', '2024-03-31'],
      'Last month': ['2024-02-01', '2024-02-29'],
      'Any date': [null, null],
    },
  },
  {
    // Across a year's end, and late in the evening in UTC: still that UTC day.
    now: '2025-01-03T23:59:59.999Z',
    expected: {
      Today: ['2025-01-03', '2025-01-03'],
      'Past 7 days': ['2024-12-28', '2025-01-03'],
      'This month': ['2025-01-01', '2025-01-31'],
      'Last month': ['2024-12-01', '2024-12-31'],
      'Any date': [null, null],
    },
  },
]

describe('date filter presets', () => {
  for (const { now, expected } of cases) {
    it(`counts whole UTC days from ${now}`, () => {
      const presets = datePresets(Date.parse(now))
      assert.deepEqual(Object.fromEntries(presets.map((p) => [p.label, [p.from, p.to]])), expected)
    })
  }
})
