import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { selectTables, type TableSelection } from '../../src/codegen/table-selection.js'
import { postgresFixture } from './metadata-fixture.js'

const names = (selection: Partial<TableSelection>) =>
  selectTables(postgresFixture(), { schemas: [], include: [], exclude: [], ...selection }).tables.map(
    (t) => `${t.schema}.${t.name}`,
  )

describe('selectTables', () => {
  it('keeps every table when nothing is asked', () => {
    assert.deepEqual(names({}), [
      'billing.users',
      'public.Order Items',
      'public.date',
      'public.user_totals',
      'public.users',
    ])
  })

  it('matches a pattern without a dot against the table name, with * and ?', () => {
    assert.deepEqual(names({ include: ['user*'] }), ['billing.users', 'public.user_totals', 'public.users'])
    assert.deepEqual(names({ include: ['dat?'] }), ['public.date'])
  })

  it('matches a pattern with a dot against schema.table', () => {
    assert.deepEqual(names({ include: ['public.user*'] }), ['public.user_totals', 'public.users'])
    assert.deepEqual(names({ include: ['*.users'] }), ['billing.users', 'public.users'])
  })

  it('is case-sensitive and treats regex characters literally', () => {
    assert.deepEqual(names({ include: ['order items'] }), [])
    assert.deepEqual(names({ include: ['Order Items'] }), ['public.Order Items'])
    assert.deepEqual(names({ include: ['user.'] }), [])
  })

  it('lets exclude win over include, and filters schemas', () => {
    assert.deepEqual(names({ include: ['user*'], exclude: ['*_totals'] }), ['billing.users', 'public.users'])
    assert.deepEqual(names({ schemas: ['billing'] }), ['billing.users'])
    assert.deepEqual(selectTables(postgresFixture(), { schemas: ['billing'], include: [], exclude: [] }).schemas, [
      'billing',
    ])
  })
})
