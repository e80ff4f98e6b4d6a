import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { recordKeyText } from '../../src/records/record-key.js'
import {
  decodeRecordRef,
  keyRefText,
  maxEncodedValue,
  recordRefText,
  refSegment,
  valueDigest,
} from '../../src/records/record-ref.js'

describe('record refs', () => {
  it('are the plain key text for every value a URL can carry whole', () => {
    for (const values of [['42'], ['a/b', 'x,y'], [null, ''], ['.'], [Buffer.from([0, 255])], ['é'.repeat(100)]]) {
      assert.equal(keyRefText(values), recordKeyText(values))
      assert.deepEqual(decodeRecordRef(keyRefText(values)), { by: 'key', parts: values })
    }
  })

  it('digest a long value: a short segment with its prefix and SHA-256, other values of the key kept whole', () => {
    const long = `.~,${'日本'.repeat(5000)}`
    const text = keyRefText([long, 7])
    assert.ok(refSegment(text).length < maxEncodedValue, `${refSegment(text).length} characters`)
    const ref = decodeRecordRef(decodeURIComponent(refSegment(text)))
    assert.deepEqual(ref, {
      by: 'key',
      parts: [{ prefix: [...long].slice(0, 64).join(''), digest: valueDigest(long) }, '7'],
    })
    assert.equal(recordRefText(ref!), text, 'written back unchanged')
    const bytes = Buffer.alloc(3000, 7)
    const binary = decodeRecordRef(keyRefText([bytes]))
    assert.deepEqual(binary, { by: 'key', parts: [{ prefix: Buffer.alloc(64, 7), digest: valueDigest(bytes) }] })
  })

  it('name a row by rowid as a whole segment', () => {
    assert.deepEqual(decodeRecordRef('~r42'), { by: 'rowid', rowid: '42' })
    assert.deepEqual(decodeRecordRef('~r-3'), { by: 'rowid', rowid: '-3' })
    assert.equal(recordRefText({ by: 'rowid', rowid: '42' }), '~r42')
  })

  it('refuse malformed refs, and keep a value that merely starts like one', () => {
    for (const text of ['~r', '~rx', '~r1,2', 'a,~r1', '~h00', `~h${'0'.repeat(64)}`, `~h${'0'.repeat(64)}~0`, '~q']) {
      assert.equal(decodeRecordRef(text), undefined, text)
    }
    assert.deepEqual(decodeRecordRef(keyRefText(['~r1'])), { by: 'key', parts: ['~r1'] })
    assert.deepEqual(decodeRecordRef(keyRefText([`~h${'a'.repeat(64)}`])), {
      by: 'key',
      parts: [`~h${'a'.repeat(64)}`],
    })
  })
})
