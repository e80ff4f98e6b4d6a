import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { getHeapSpaceStatistics } from 'node:v8'
import { compactWhenIdle, reduceMemory } from '../../src/cli/compact-when-idle.js'

/** A fetch whose answers the test releases one by one. */
function heldFetch() {
  const pending: (() => void)[] = []
  const fetch = () => new Promise<Response>((answer) => pending.push(() => answer(new Response('ok'))))
  return { fetch, answerNext: () => pending.shift()!() }
}

/** Lets the promise callbacks queued so far run. */
const settle = () => new Promise((next) => setImmediate(next))

describe('compactWhenIdle', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }))
  afterEach(() => mock.timers.reset())

  it('compacts once start-up has gone quiet, before any request', async () => {
    let compactions = 0
    compactWhenIdle(async () => new Response('ok'), {
      startQuietMs: 500,
      quietMs: 30_000,
      compact: async () => void compactions++,
    })
    mock.timers.tick(499)
    assert.equal(compactions, 0)
    mock.timers.tick(1)
    assert.equal(compactions, 1)
  })

  it('waits for the requests in flight, then for the quiet period after the last one', async () => {
    let compactions = 0
    const held = heldFetch()
    const fetch = compactWhenIdle(held.fetch, {
      startQuietMs: 500,
      quietMs: 5_000,
      growthBytes: 0,
      compact: async () => void compactions++,
    })
    mock.timers.tick(500)
    await settle()
    assert.equal(compactions, 1)
    const first = fetch(new Request('http://localhost/'))
    const second = fetch(new Request('http://localhost/'))
    mock.timers.tick(1_000)
    held.answerNext()
    await first
    mock.timers.tick(1_000)
    assert.equal(compactions, 1, 'a request is still in flight')
    held.answerNext()
    await second
    mock.timers.tick(4_999)
    assert.equal(compactions, 1, 'after a burst the quiet period is the long one')
    mock.timers.tick(1)
    assert.equal(compactions, 2)
  })

  it('does not compact again while the heap has not grown by growthBytes', async () => {
    let compactions = 0
    const fetch = compactWhenIdle(async () => new Response('ok'), {
      startQuietMs: 500,
      quietMs: 500,
      growthBytes: 1024 * 1024 * 1024,
      compact: async () => void compactions++,
    })
    mock.timers.tick(500)
    await settle()
    await fetch(new Request('http://localhost/'))
    mock.timers.tick(500)
    assert.equal(compactions, 1)
  })

  it('passes requests and answers through unchanged', async () => {
    const fetch = compactWhenIdle(
      async (request) => new Response(`${request.method} ${new URL(request.url).pathname}`),
      {
        compact: async () => {},
      },
    )
    const response = await fetch(new Request('http://localhost/a/b', { method: 'POST' }))
    assert.equal(await response.text(), 'POST /a/b')
  })
})

describe('reduceMemory', () => {
  it('shrinks the young generation that a burst of allocation grew, and returns', async () => {
    const newSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size
    let kept: object[] = []
    for (let i = 0; i < 2_000_000; i++) {
      kept.push({ i, text: `row ${i}` })
      if (kept.length > 50_000) kept = []
    }
    const grown = newSpace()
    await reduceMemory()
    assert.ok(newSpace() < grown, `new space ${newSpace()} bytes, was ${grown}`)
  })
})
