import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseIndexedTerms } from '../../src/introspect/sqlite-create-index-parser.js'

describe('parseIndexedTerms', () => {
  it('gives each indexed term as SQL text without COLLATE and ASC/DESC', () => {
    assert.deepEqual(
      parseIndexedTerms(
        `CREATE INDEX "on (x)" ON "t(1)" (lower(a) COLLATE NOCASE DESC, "b c" ASC, json_extract(d, '$.a,b')) WHERE a > 0`,
      ),
      ['lower(a)', '"b c"', `json_extract(d, '$.a,b')`],
    )
  })
  it('gives nothing when there is no column list', () => {
    assert.deepEqual(parseIndexedTerms('garbage'), [])
  })
})
