import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createSlowCountCache } from '../../src/list/slow-count-cache.js'

describe('slow count cache', () => {
  it('gives a kept count with when it was made, for ttlMs, and nothing after clear', () => {
    let now = 1_000
    const cache = createSlowCountCache({ ttlMs: 60_000, now: () => now })
    assert.equal(cache.get('main.t'), undefined)
    cache.keep(new Map([['main.t', { value: 3, precision: 'exact' as const }]]))
    now += 60_000
    assert.deepEqual(cache.get('main.t'), { value: 3, precision: 'exact', countedAt: 1_000 })
    now += 1
    assert.equal(cache.get('main.t'), undefined, 'older than ttlMs')
    cache.keep(new Map([['main.t', { value: 4, precision: 'exact' as const }]]))
    cache.clear()
    assert.equal(cache.get('main.t'), undefined, 'cleared')
  })

  it('keeps at most maxEntries, dropping the oldest kept', () => {
    const cache = createSlowCountCache({ maxEntries: 2 })
    for (const key of ['a', 'b', 'c']) cache.keep(new Map([[key, { value: 1, precision: 'exact' as const }]]))
    assert.equal(cache.get('a'), undefined)
    assert.equal(cache.get('b')?.value, 1)
    assert.equal(cache.get('c')?.value, 1)
  })
})
