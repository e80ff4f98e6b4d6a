import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Random } from '../../src/demo/random.js'

const draw = (random: Random, n: number) => Array.from({ length: n }, () => random.next())

describe('Random', () => {
  it('repeats the same sequence for the same seed and a different one for another seed', () => {
    assert.deepEqual(draw(new Random('orders'), 50), draw(new Random('orders'), 50))
    assert.notDeepEqual(draw(new Random('orders'), 50), draw(new Random('orders2'), 50))
  })

  it('keeps values in range and covers the range evenly', () => {
    const random = new Random('range')
    const counts = new Array<number>(6).fill(0)
    for (let i = 0; i < 60_000; i++) {
      const v = random.int(1, 6)
      assert.ok(Number.isInteger(v) && v >= 1 && v <= 6)
      counts[v - 1]!++
    }
    for (const count of counts) assert.ok(count > 9_000 && count < 11_000, String(counts))
    for (const x of draw(random, 10_000)) assert.ok(x >= 0 && x < 1)
  })

  it('picks weighted values in proportion to their weights', () => {
    const random = new Random('weights')
    let heavy = 0
    for (let i = 0; i < 10_000; i++)
      if (
        random.weighted([
          ['a', 1],
          ['b', 3],
        ] as const) === 'b'
      )
        heavy++
    assert.ok(heavy > 7_200 && heavy < 7_800, String(heavy))
  })

  it('shuffles into a permutation and makes bytes of the asked length', () => {
    const random = new Random('shuffle')
    const items = Array.from({ length: 20 }, (_, i) => i)
    const shuffled = random.shuffled(items)
    assert.notDeepEqual(shuffled, items)
    assert.deepEqual(
      [...shuffled].sort((a, b) => a - b),
      items,
    )
    assert.equal(random.bytes(16).length, 16)
  })
})
