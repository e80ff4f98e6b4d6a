import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { jsonSafe, updateChanges } from '../../src/audit/audit-entry.js'
import { auditLogFor } from '../../src/audit/audit-log.js'

describe('audit entry values', () => {
  it('keeps every value exact in JSON: bigint and decimal text, bytes as hex, non-finite floats as text', () => {
    const value = {
      big: 9223372036854775807n,
      dec: '123456789.125',
      bytes: new Uint8Array([0, 255, 16]),
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      when: new Date('2024-01-02T03:04:05.123Z'),
      list: [1n, null, 'x'],
      missing: undefined,
    }
    assert.equal(
      JSON.stringify(jsonSafe(value)),
      '{"big":"9223372036854775807","dec":"123456789.125","bytes":"\\\\x00ff10","nan":"NaN","inf":"Infinity",' +
        '"when":"2024-01-02T03:04:05.123Z","list":["1",null,"x"],"missing":null}',
    )
  })

  it('an update diff lists only the columns whose value really changed', () => {
    const before = { id: 1, name: 'Alice', qty: 1, code: 'A', by: new Uint8Array([1]) }
    const after = { name: 'Alicia', qty: 1, code: null, by: new Uint8Array([1]) }
    assert.deepEqual(updateChanges(before, after), { name: ['Alice', 'Alicia'], code: ['A', null] })
    assert.deepEqual(updateChanges(before, { qty: 1 }), {})
  })

  it('names the audit table from the target', () => {
    assert.deepEqual(auditLogFor('postgres', 'ops.audit_log'), {
      dialect: 'postgres',
      schema: 'ops',
      table: 'audit_log',
    })
    assert.deepEqual(auditLogFor('postgres', 'changes'), { dialect: 'postgres', schema: 'steward', table: 'changes' })
    assert.throws(() => auditLogFor('postgres', 'a.b.c'), /not a table name/)
    assert.deepEqual(auditLogFor('sqlite', 'data/audit.db'), {
      dialect: 'sqlite',
      schema: 'steward_audit',
      table: 'audit_log',
      file: 'data/audit.db',
    })
  })
})
