import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkChoices } from '../../src/introspect/sqlite-check-choices.js'

const columns = ['status', 'Größe', 'n', 'a']

describe('checkChoices', () => {
  it('reads string and number lists in declared order', () => {
    assert.deepEqual(checkChoices(`status IN ('b', 'a', 'it''s, (x)')`, columns), {
      column: 'status',
      values: ['b', 'a', "it's, (x)"],
    })
    assert.deepEqual(checkChoices(`((n in (3, -1, +2, 1.5)))`, columns), {
      column: 'n',
      values: ['3', '-1', '2', '1.5'],
    })
  })
  it('accepts quoted column names and keeps the column as written', () => {
    assert.deepEqual(checkChoices(`"Größe" IN ('S', 'M')`, columns), { column: 'Größe', values: ['S', 'M'] })
    assert.deepEqual(checkChoices(`[STATUS] IN ('x')`, columns), { column: 'STATUS', values: ['x'] })
  })
  it('reads a "double-quoted" item as a string only when no column has that name', () => {
    assert.deepEqual(checkChoices(`status IN ("on", 'off')`, columns), { column: 'status', values: ['on', 'off'] })
    assert.equal(checkChoices(`status IN ("a", 'off')`, columns), null)
  })
  it('refuses anything that is not a plain IN list on a column', () => {
    for (const expression of [
      `status NOT IN ('a')`,
      `status IN ('a') OR status IS NULL`,
      `lower(status) IN ('a')`,
      `status IN ('a', NULL)`,
      `status IN ()`,
      `status IN (SELECT x FROM t)`,
      `other IN ('a')`,
      `'status' IN ('a')`,
      `status > 0`,
      `(status IN ('a')) AND (n IN (1))`,
    ]) {
      assert.equal(checkChoices(expression, columns), null, expression)
    }
  })
})
