import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createFilterChoiceCache } from '../../src/list/filter-choice-cache.js'

const choices = [{ value: '1', label: 'one' }]

describe('createFilterChoiceCache', () => {
  it('serves choices until they are ttlMs old, then forgets them', () => {
    let now = 1_000
    const cache = createFilterChoiceCache({ ttlMs: 30_000, now: () => now })
    cache.set('a', choices)
    cache.set('big', null)
    now += 29_999
    assert.deepEqual(cache.get('a'), choices)
    assert.equal(cache.get('big'), null, '"too many to list" is kept too')
    now += 1
    assert.equal(cache.get('a'), undefined)
    assert.equal(cache.get('big'), undefined)
  })

  it('keeps at most maxEntries, dropping the oldest first', () => {
    const cache = createFilterChoiceCache({ maxEntries: 2 })
    cache.set('a', choices)
    cache.set('b', choices)
    cache.set('a', choices)
    cache.set('c', choices)
    assert.equal(cache.get('b'), undefined, 'b was written longest ago')
    assert.deepEqual(cache.get('a'), choices)
    assert.deepEqual(cache.get('c'), choices)
  })
})
