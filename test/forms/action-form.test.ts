import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { actionFields, parseActionForm } from '../../src/forms/action-form.js'
import { formBody } from '../../src/forms/form-body.js'

const schema = z.object({
  reason: z.string().min(3, 'At least 3 characters.'),
  refundAmount: z.number().int().optional(),
  notify: z.boolean(),
  channel: z.enum(['email', 'sms']).describe('Send by'),
})
const body = (pairs: Record<string, string>) =>
  formBody(new URLSearchParams(Object.entries(pairs).map(([k, v]) => [`input.${k}`, v])))

describe('action form', () => {
  it('draws strings as text, numbers as number, booleans as a checkbox and enums as a select', () => {
    assert.deepEqual(
      actionFields(schema).map((f) => [f.name, f.label, f.control, f.options, f.required]),
      [
        ['input.reason', 'Reason', 'text', [], true],
        ['input.refundAmount', 'Refund amount', 'number', [], false],
        ['input.notify', 'Notify', 'checkbox', [], false],
        ['input.channel', 'Send by', 'select', ['email', 'sms'], true],
      ],
    )
  })

  it('parses typed values: numbers, a ticked box, an empty optional field left out', () => {
    const result = parseActionForm(schema, body({ reason: 'late', refundAmount: '', notify: 'on', channel: 'sms' }))
    assert.deepEqual(result, { ok: true, input: { reason: 'late', notify: true, channel: 'sms' } })
    const withNumber = parseActionForm(schema, body({ reason: 'late', refundAmount: ' 12 ', channel: 'email' }))
    assert.deepEqual(withNumber, {
      ok: true,
      input: { reason: 'late', refundAmount: 12, notify: false, channel: 'email' },
    })
  })

  it('gives back the input with one message per field', () => {
    const result = parseActionForm(schema, body({ reason: 'x', refundAmount: 'ten', channel: 'fax' }))
    assert.equal(result.ok, false)
    if (result.ok) return
    const byName = Object.fromEntries(result.fields.map((f) => [f.name, [f.value, f.error]]))
    assert.deepEqual(byName['input.reason'], ['x', 'At least 3 characters.'])
    assert.deepEqual(byName['input.refundAmount'], ['ten', 'Enter a number.'])
    assert.equal(byName['input.channel']![0], 'fax')
    assert.ok(byName['input.channel']![1])
    assert.deepEqual(byName['input.notify'], ['', null])
    const empty = parseActionForm(schema, body({}))
    assert.equal(!empty.ok && empty.fields.find((f) => f.name === 'input.reason')?.error, 'Required.')
  })
})
