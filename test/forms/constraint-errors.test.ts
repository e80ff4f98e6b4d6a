import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DatabaseError } from '../../src/db/database-error.js'
import { postgresDialect } from '../../src/db/postgres-dialect.js'
import type { Table } from '../../src/introspect/metadata.js'
import { constraintErrors } from '../../src/forms/constraint-errors.js'
import { makeColumn } from '../kinds/make-column.js'

const table: Table = {
  schema: 'public',
  name: 'item',
  type: 'table',
  comment: null,
  primaryKey: ['id'],
  withoutRowid: false,
  strict: false,
  estimatedRows: null,
  columns: ['id', 'sku', 'shop_id', 'qty', 'price', 'during'].map((name) => makeColumn({ name, kind: 'text' })),
  foreignKeys: [
    {
      name: 'item_shop_fk',
      columns: ['shop_id'],
      refSchema: 'public',
      refTable: 'shop',
      refColumns: ['id'],
      onDelete: 'no action',
      onUpdate: 'no action',
    },
  ],
  uniques: [{ name: 'item_sku_shop_key', columns: ['sku', 'shop_id'] }],
  indexes: [],
  checks: [{ name: 'item_qty_check', expression: 'CHECK ((qty > 0) AND ("price" >= 0))' }],
}
const onForm = new Set(['sku', 'shop_id', 'qty', 'price', 'during'])
const labels = { sku: 'SKU', shop_id: 'Shop', qty: 'Quantity', price: 'Price', id: 'Id' }
const error = (
  code: ConstructorParameters<typeof DatabaseError>[0],
  details: ConstructorParameters<typeof DatabaseError>[2] = {},
) => new DatabaseError(code, 'The database refused the change.', details)

describe('constraintErrors', () => {
  const cases: ReadonlyArray<readonly [string, DatabaseError, ReturnType<typeof constraintErrors>]> = [
    [
      'a composite unique key, named by the engine',
      error('unique', { columns: ['sku', 'shop_id'] }),
      {
        fields: {
          sku: 'Another row already has this combination of SKU and Shop.',
          shop_id: 'Another row already has this combination of SKU and Shop.',
        },
        form: null,
      },
    ],
    [
      'a unique key known only by its constraint name',
      error('unique', { constraint: 'item_sku_shop_key' }),
      {
        fields: {
          sku: 'Another row already has this combination of SKU and Shop.',
          shop_id: 'Another row already has this combination of SKU and Shop.',
        },
        form: null,
      },
    ],
    [
      'a foreign key',
      error('foreign_key', { constraint: 'item_shop_fk', columns: ['shop_id'] }),
      {
        fields: { shop_id: 'There is no row in Shops with this value.' },
        form: null,
      },
    ],
    [
      'a CHECK by name, on every column its expression mentions',
      new DatabaseError('check', 'Not allowed.', { constraint: 'item_qty_check' }),
      {
        fields: { qty: 'Not allowed.', price: 'Not allowed.' },
        form: null,
      },
    ],
    [
      'a SQLite CHECK named by its expression',
      new DatabaseError('check', 'Not allowed.', { constraint: 'qty > 0' }),
      { fields: { qty: 'Not allowed.' }, form: null },
    ],
    [
      'a column not on the form',
      new DatabaseError('not_null', 'This field is required.', { columns: ['id'] }),
      { fields: {}, form: 'Id: This field is required.' },
    ],
    ['an error that names nothing', error('other'), { fields: {}, form: 'The database refused the change.' }],
  ]
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.deepEqual(
        constraintErrors(input, table, onForm, labels, new Map(), () => 'Shops'),
        expected,
      )
    })
  }

  it('finds the field whose text Postgres quotes in an invalid-input error', () => {
    const cause = { code: '22007', message: 'invalid input syntax for type interval: "forever"' }
    const result = constraintErrors(
      postgresDialect.mapError(cause)!,
      table,
      onForm,
      labels,
      new Map([
        ['sku', 'x'],
        ['during', 'forever'],
      ]),
    )
    assert.deepEqual(result, { fields: { during: 'The value is not valid for this column.' }, form: null })
  })
})
