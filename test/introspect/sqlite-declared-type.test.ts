import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseDeclaredType } from '../../src/introspect/sqlite-declared-type.js'

describe('parseDeclaredType', () => {
  const cases: Array<[string, string, number | null, number | null, number | null]> = [
    // declared, baseType, length, precision, scale
    ['VARCHAR(20)', 'VARCHAR', 20, null, null],
    ['varchar ( 40 )', 'VARCHAR', 40, null, null],
    ['CHAR(2)', 'CHAR', 2, null, null],
    ['NVARCHAR(100)', 'NVARCHAR', 100, null, null],
    ['TEXT', 'TEXT', null, null, null],
    ['DECIMAL(10,2)', 'DECIMAL', null, 10, 2],
    ['numeric(38, 10)', 'NUMERIC', null, 38, 10],
    ['NUMBER(5)', 'NUMBER', null, 5, 0],
    ['DECIMAL', 'DECIMAL', null, null, null],
    ['MONEY', 'MONEY', null, null, null],
    ['unsigned  big int', 'UNSIGNED BIG INT', null, null, null],
    ['DOUBLE PRECISION', 'DOUBLE PRECISION', null, null, null],
    ['FLOAT(24)', 'FLOAT', null, null, null],
    ['VARCHAR(max)', 'VARCHAR', null, null, null],
    ['', '', null, null, null],
  ]
  for (const [declared, baseType, length, precision, scale] of cases) {
    it(`reads ${JSON.stringify(declared)}`, () => {
      assert.deepEqual(parseDeclaredType(declared), { baseType, length, precision, scale })
    })
  }
})
