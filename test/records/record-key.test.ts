import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Hono } from 'hono'
import { decodeRecordKey, encodeRecordKey, recordKeyText } from '../../src/records/record-key.js'

const awkward: readonly (readonly unknown[])[] = [
  ['42'],
  ['a/b'],
  ['x,y', 'z'],
  [' sp ace '],
  ['ünï ✓ 日本'],
  [''],
  ['', ''],
  ['.'],
  ['..'],
  ['~'],
  ['~,~.'],
  ['100%25?#&+='],
  [null, 'x'],
  [Buffer.from([0, 1, 254, 255])],
  [Buffer.alloc(0), 'b'],
]

describe('record keys', () => {
  it('round-trip any value, through the text form', () => {
    for (const values of awkward) {
      const decoded = decodeRecordKey(decodeURIComponent(encodeRecordKey(values)))
      assert.deepEqual(
        decoded,
        values.map((v) => (v instanceof Buffer ? Buffer.from(v) : v)),
        JSON.stringify(values),
      )
    }
  })

  it('round-trip any value as a query parameter or form field, which the server percent-decodes once', () => {
    for (const values of awkward) {
      const sent = new URLSearchParams([['after', recordKeyText(values)]]).toString()
      const decoded = decodeRecordKey(new URLSearchParams(sent).get('after')!)
      assert.deepEqual(
        decoded,
        values.map((v) => (v instanceof Buffer ? Buffer.from(v) : v)),
        JSON.stringify(values),
      )
    }
  })

  it('numbers become their decimal text', () => {
    assert.equal(encodeRecordKey([7, 'en-GB']), '7,en-GB')
    assert.deepEqual(decodeRecordKey('7,en-GB'), ['7', 'en-GB'])
  })

  it('stay one path segment that the router hands back intact', async () => {
    const app = new Hono()
    app.get('/t/row/:key', (c) => c.json(decodeRecordKey(c.req.param('key')) ?? null))
    for (const values of awkward.filter((v) => !v.some((x) => x instanceof Buffer))) {
      const segment = encodeRecordKey(values)
      assert.ok(!segment.includes('/') && segment !== '.' && segment !== '..', segment)
      const res = await app.request(`/t/row/${segment}`)
      assert.equal(res.status, 200, segment)
      assert.deepEqual(await res.json(), values, segment)
    }
  })

  it('reject malformed text instead of guessing', () => {
    for (const bad of ['~', '~q', 'a~-', '~-b', '~x1', '~xzz', '~0a'])
      assert.equal(decodeRecordKey(bad), undefined, bad)
  })
})
