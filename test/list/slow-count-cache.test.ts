import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createSlowCountCache } from '../../src/list/slow-count-cache.js'
import type { RowCount } from '../../src/list/count-rows.js'

const exact = (value: number): RowCount => ({ value, precision: 'exact' })

describe('slow count cache', () => {
  it('gives a kept count with when it was made, for ttlMs, and nothing after clear', async () => {
    let now = 1_000
    // Every count is slow enough to keep.
    const cache = createSlowCountCache({ slowMs: 0, ttlMs: 60_000, now: () => now })
    assert.equal(cache.get('main.t'), undefined)
    assert.deepEqual(await cache.count(['main.t'], async () => [exact(3)]), [exact(3)])
    now += 60_000
    assert.deepEqual(cache.get('main.t'), { value: 3, precision: 'exact', countedAt: 1_000 })
    now += 1
    assert.equal(cache.get('main.t'), undefined, 'older than ttlMs')
    await cache.count(['main.t'], async () => [exact(4)])
    cache.clear()
    assert.equal(cache.get('main.t'), undefined, 'cleared')
  })

  it('keeps nothing counted quickly, nor a count whose key is undefined (a scoped table)', async () => {
    const quick = createSlowCountCache({ slowMs: 60_000 })
    await quick.count(['main.t'], async () => [exact(1)])
    assert.equal(quick.get('main.t'), undefined)
    const slow = createSlowCountCache({ slowMs: 0 })
    await slow.count([undefined, 'main.u'], async () => [exact(1), exact(2)])
    assert.equal(slow.get('main.u')?.value, 2)
  })

  it('keeps at most maxEntries, dropping the oldest kept', async () => {
    const cache = createSlowCountCache({ slowMs: 0, maxEntries: 2 })
    for (const key of ['a', 'b', 'c']) await cache.count([key], async () => [exact(1)])
    assert.equal(cache.get('a'), undefined)
    assert.equal(cache.get('b')?.value, 1)
    assert.equal(cache.get('c')?.value, 1)
  })
})
