import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { queryString } from '../../src/http/urls.js'

/** Characters form encoding treats apart: safe, reserved, `+` and space, non-ASCII, a lone surrogate, NUL. */
const alphabet = ['a', 'Z', '0', ' ', '+', '&', '=', '%', '!', "'", '(', ')', '~', '*', '-', '.', '_', '/', '?', '#']
const more = ['é', '€', '😀', '\u0000', '\n', ',', ';', ':', '@', '$', '[', ']', '\ud800', '\udc00']
const chars = [...alphabet, ...more]

describe('queryString', () => {
  it('writes every key and value exactly as URLSearchParams does', () => {
    // A fixed pseudo-random sequence, so a failure can be reproduced.
    let seed = 42
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const word = () => Array.from({ length: next(9) }, () => chars[next(chars.length)]).join('')
    for (let i = 0; i < 5000; i++) {
      const pairs = Array.from({ length: 1 + next(3) }, (): [string, string] => [word(), word()])
      assert.equal(queryString(pairs), `?${new URLSearchParams(pairs).toString()}`, JSON.stringify(pairs))
    }
  })

  it('is empty without pairs', () => {
    assert.equal(queryString([]), '')
  })
})
