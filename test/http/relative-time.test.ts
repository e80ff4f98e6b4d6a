import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { instantOf, relativeTime } from '../../src/http/relative-time.js'

/** What `Date.parse` makes of a `<time datetime>` value read as UTC: the meaning `instantOf` keeps, faster. */
const parsed = (datetime: string) => Date.parse(/[zZ]$/.test(datetime) ? datetime : `${datetime}Z`)

describe('relative times', () => {
  it('reads a datetime as Date.parse does, for the usual shapes and the odd ones', () => {
    const values = [
      '2024-01-31T14:05:00',
      '2024-01-31T14:05:00Z',
      '2024-01-31T14:05:00.123Z',
      '2024-01-31T14:05:00.1',
      '2024-01-31T14:05:00.123456',
      '2024-01-31T14:05:00.9999Z',
      '9999-12-31T23:59:59.999',
      '0100-01-01T00:00:00',
      '0099-01-01T00:00:00', // Date.UTC would move it to 1999
      '2024-13-01T00:00:00', // no such month
      '2024-01-31T24:00:00',
      '2024-01-31T25:00:00',
      '2024-01-31T14:05:60',
      '2024-01-31T14:05',
      '2024-01-31 14:05:00',
      '2024-01-31T14:05:00+02:00',
      '-000001-01-01T00:00:00',
      'not a time',
    ]
    for (let at = -62e12; at < 253e12; at += 7.3e10) {
      const iso = new Date(at).toISOString()
      if (!iso.startsWith('-') && !iso.startsWith('+')) values.push(iso, iso.slice(0, 19), iso.slice(0, 21))
    }
    for (const value of values) assert.equal(instantOf(value), parsed(value), value)
  })

  it('says how far a time is, in its largest whole unit', () => {
    const now = Date.UTC(2026, 11, 7, 12, 0, 0)
    assert.equal(relativeTime('2026-12-07T11:59:30', now), '30 seconds ago')
    assert.equal(relativeTime('2026-12-04T12:00:00Z', now), '3 days ago')
    assert.equal(relativeTime('2022-01-01T00:12:20', now), '4 years ago')
    assert.equal(relativeTime('2026-12-07T14:00:00.500Z', now), 'in 2 hours')
    assert.equal(relativeTime('not a time', now), undefined)
  })
})
