import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Table } from '../../src/introspect/metadata.js'
import { defaultLabelColumn } from '../../src/resources/label-column.js'
import { table } from '../codegen/metadata-fixture.js'
import { makeColumn } from '../kinds/make-column.js'

const tableOf = (names: string[], kind: 'text' | 'integer' = 'text', primaryKey = ['id']): Table =>
  table(
    'main',
    't',
    [makeColumn({ name: 'id', kind: 'integer' }), ...names.map((name) => makeColumn({ name, kind }))],
    { primaryKey },
  )

const cases: ReadonlyArray<readonly [string, string[], string | null]> = [
  ['a name wins', ['title', 'name'], 'name'],
  ['a person: the email, not the job title', ['FirstName', 'LastName', 'Title', 'Email'], 'Email'],
  ['a film: its title', ['title', 'description'], 'title'],
  ['PascalCase and snake_case spellings', ['DisplayName', 'code'], 'DisplayName'],
  ['a camelCase suffix', ['countryCode', 'artistName'], 'artistName'],
  ['a snake_case suffix', ['sku_code', 'product_title'], 'product_title'],
  ['nothing name-like: the key is shown', ['notes', 'body'], null],
]

describe('defaultLabelColumn', () => {
  for (const [what, names, expected] of cases) {
    it(what, () => {
      const table = tableOf(names)
      assert.equal(defaultLabelColumn(table, table.columns), expected)
    })
  }
  it('numbers never name a row', () => {
    const table = tableOf(['name'], 'integer')
    assert.equal(defaultLabelColumn(table, table.columns), null)
  })
})
