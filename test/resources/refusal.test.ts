import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Refusal } from '../../src/resources/behaviour.js'

describe('Refusal', () => {
  it('is recognised when thrown by another copy of Steward (a config loaded by the bundled CLI imports the library)', async () => {
    // A query string makes Node load the module a second time: another class named Refusal.
    const another = '../../src/resources/behaviour.ts?another-copy'
    const copy = (await import(another)) as typeof import('../../src/resources/behaviour.js')
    assert.notEqual(copy.Refusal, Refusal)
    const refusal = new copy.Refusal('No negative totals.', { field: 'total' })
    assert.ok(refusal instanceof Refusal)
    assert.ok(refusal instanceof Error)
    assert.equal(refusal.field, 'total')
    assert.ok(!(new Error('No negative totals.') instanceof Refusal))
    assert.ok(!((null as unknown as object) instanceof Refusal))
  })
})
