import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { diffMetadata, formatDifferences } from '../../src/codegen/diff-metadata.js'
import type { SchemaMetadata, Table } from '../../src/introspect/metadata.js'
import { column, postgresFixture, table } from './metadata-fixture.js'

/** The fixture with one table changed by `change` (a mutable deep copy). */
function changed(change: (tables: Table[]) => void): SchemaMetadata {
  const copy = structuredClone(postgresFixture()) as SchemaMetadata
  change(copy.tables)
  return copy
}
const find = (tables: Table[], schema: string, name: string) =>
  tables.find((t) => t.schema === schema && t.name === name)!
const users = (tables: Table[]) => find(tables, 'public', 'users')

describe('diffMetadata', () => {
  it('finds nothing between equal metadata, whatever the row estimates or key order', () => {
    assert.deepEqual(diffMetadata(postgresFixture(), postgresFixture()), [])
    const live = changed((tables) => {
      users(tables).estimatedRows = 99_999
      const { name, ...rest } = users(tables).columns[0]!
      users(tables).columns[0] = { ...rest, name }
    })
    assert.deepEqual(diffMetadata(postgresFixture(), live), [])
  })

  it('reports tables and views added and removed', () => {
    const live = changed((tables) => {
      tables.splice(tables.indexOf(find(tables, 'public', 'date')), 1)
      tables.push(table('public', 'audit', [column('id')]))
      find(tables, 'public', 'user_totals').type = 'materialized view'
    })
    assert.deepEqual(diffMetadata(postgresFixture(), live), [
      { table: 'public.audit', kind: 'table-added', detail: 'table added (1 columns)' },
      { table: 'public.date', kind: 'table-removed', detail: 'table removed' },
      { table: 'public.user_totals', kind: 'table-type-changed', detail: 'was a view, is now a materialized view' },
    ])
  })

  it('reports columns added, removed and retyped', () => {
    const live = changed((tables) => {
      const cols = users(tables).columns
      cols.splice(
        cols.findIndex((c) => c.name === 'prefs'),
        1,
      )
      cols.push(column('nickname', { dataType: 'character varying(40)', nullable: true }))
      Object.assign(
        cols.find((c) => c.name === 'big')!,
        { dataType: 'numeric', baseType: 'numeric', kind: 'decimal' },
      )
      Object.assign(
        cols.find((c) => c.name === 'email')!,
        { nullable: true },
      )
    })
    assert.deepEqual(diffMetadata(postgresFixture(), live), [
      {
        table: 'public.users',
        kind: 'column-added',
        detail: 'column "nickname" added (character varying(40), nullable)',
      },
      { table: 'public.users', kind: 'column-removed', detail: 'column "prefs" removed' },
      { table: 'public.users', kind: 'column-retyped', detail: 'column "email" retyped: now nullable' },
      {
        table: 'public.users',
        kind: 'column-retyped',
        detail: 'column "big" retyped: type bigint → numeric, kind bigint → decimal',
      },
      { table: 'public.users', kind: 'details-changed', detail: 'changed: column "big": baseType' },
    ])
  })

  it('reports primary and foreign key changes', () => {
    const live = changed((tables) => {
      find(tables, 'public', 'Order Items').primaryKey = ['order']
      find(tables, 'public', 'date').primaryKey = ['on']
      const billing = find(tables, 'billing', 'users')
      billing.foreignKeys[0]!.onDelete = 'restrict'
      billing.foreignKeys.push({
        name: 'x',
        columns: ['id'],
        refSchema: 'public',
        refTable: 'date',
        refColumns: ['on'],
        onDelete: 'no action',
        onUpdate: 'no action',
      })
      users(tables).foreignKeys.push({
        name: 'y',
        columns: ['id'],
        refSchema: 'public',
        refTable: 'date',
        refColumns: ['on'],
        onDelete: 'no action',
        onUpdate: 'no action',
      })
    })
    const before = changed((tables) => {
      users(tables).foreignKeys.push({
        name: 'y',
        columns: ['big'],
        refSchema: 'public',
        refTable: 'date',
        refColumns: ['on'],
        onDelete: 'no action',
        onUpdate: 'no action',
      })
    })
    assert.deepEqual(
      diffMetadata(before, live).map((d) => [d.table, d.kind, d.detail]),
      [
        [
          'billing.users',
          'foreign-key-added',
          'foreign key ("id") → public.date("on") on delete no action, on update no action added',
        ],
        [
          'billing.users',
          'foreign-key-changed',
          'foreign key ("user id") → public.users("id") on delete cascade, on update no action is now ("user id") → public.users("id") on delete restrict, on update no action',
        ],
        ['public.Order Items', 'primary-key-changed', 'primary key was ("order", "select"), is now ("order")'],
        ['public.date', 'primary-key-changed', 'primary key was none, is now ("on")'],
        [
          'public.users',
          'foreign-key-added',
          'foreign key ("id") → public.date("on") on delete no action, on update no action added',
        ],
        [
          'public.users',
          'foreign-key-removed',
          'foreign key ("big") → public.date("on") on delete no action, on update no action removed',
        ],
      ],
    )
  })

  it('matches foreign keys by columns and target, not by their (SQLite: numbered) names', () => {
    const live = changed((tables) => {
      find(tables, 'billing', 'users').foreignKeys[0]!.name = 'renamed'
    })
    assert.deepEqual(diffMetadata(postgresFixture(), live), [])
  })

  it('sums up every other change per table as details-changed', () => {
    const live = changed((tables) => {
      const u = users(tables)
      u.comment = 'People'
      u.indexes.push({ name: 'users_email', columns: ['email'], unique: false, partial: false })
      Object.assign(
        u.columns.find((c) => c.name === 'status')!,
        { choices: ['pending', 'active', 'banned', 'gone'], default: "'pending'" },
      )
      u.columns.reverse()
    })
    assert.deepEqual(diffMetadata(postgresFixture(), live), [
      {
        table: 'public.users',
        kind: 'details-changed',
        detail: 'changed: column "status": default, choices; column order; comment; indexes',
      },
    ])
  })

  it('reports a different dialect once', () => {
    const live = { ...postgresFixture(), dialect: 'sqlite' as const }
    assert.deepEqual(
      diffMetadata(postgresFixture(), live).map((d) => d.kind),
      ['dialect-changed'],
    )
  })
})

describe('formatDifferences', () => {
  it('prints one indented line per difference', () => {
    const text = formatDifferences([
      { table: 'public.users', kind: 'column-added', detail: 'column "a" added (text, nullable)' },
      { table: '', kind: 'dialect-changed', detail: 'generated for postgres, database is sqlite' },
    ])
    assert.equal(
      text,
      '  public.users: column "a" added (text, nullable)\n  generated for postgres, database is sqlite',
    )
  })
})
