import type { Column, SchemaMetadata, Table } from '../../src/introspect/metadata.js'
import { normalizeMetadata } from '../../src/introspect/normalize.js'
import { makeColumn } from '../kinds/make-column.js'

/** A column with every optional fact empty; tests spell out only what they care about. */
export function column(name: string, facts: Partial<Column> = {}): Column {
  return makeColumn({ name, kind: 'text', dataType: 'text', nullable: false, ...facts })
}

export function table(schema: string, name: string, columns: Column[], facts: Partial<Table> = {}): Table {
  return {
    schema,
    name,
    type: 'table',
    comment: null,
    columns,
    primaryKey: [],
    foreignKeys: [],
    uniques: [],
    indexes: [],
    checks: [],
    withoutRowid: false,
    strict: false,
    estimatedRows: null,
    ...facts,
  }
}

/** A small hand-written Postgres schema with the awkward cases codegen must survive. */
export function postgresFixture(): SchemaMetadata {
  const int4 = { dataType: 'integer', baseType: 'int4', kind: 'integer' } as const
  return normalizeMetadata({
    dialect: 'postgres',
    schemas: ['billing', 'public'],
    tables: [
      table(
        'public',
        'users',
        [
          column('id', { ...int4, identity: 'always', autoIncrement: true }),
          column('email', {
            dataType: 'character varying(200)',
            baseType: 'varchar',
            length: 200,
            comment: 'Login */ e-mail',
          }),
          column('status', {
            dataType: 'user_status',
            baseType: 'user_status',
            kind: 'enum',
            choices: ['pending', 'active', 'banned'],
          }),
          column('created_at', {
            dataType: 'timestamp with time zone',
            baseType: 'timestamptz',
            kind: 'datetime',
            default: 'now()',
          }),
          column('tags', {
            dataType: 'text[]',
            baseType: '_text',
            kind: 'array',
            arrayElementType: 'text',
            nullable: true,
          }),
          column('balance', {
            dataType: 'numeric(38,10)',
            baseType: 'numeric',
            kind: 'decimal',
            precision: 38,
            scale: 10,
          }),
          column('big', { dataType: 'bigint', baseType: 'int8', kind: 'bigint', nullable: true }),
          column('prefs', { dataType: 'jsonb', baseType: 'jsonb', kind: 'json', nullable: true }),
          column('lower_email', { generated: 'stored', nullable: true }),
          column('level', { ...int4, choices: ['1', '2', '3'], kind: 'enum' }),
        ],
        { primaryKey: ['id'], estimatedRows: 1234 },
      ),
      table('billing', 'users', [column('id', int4), column('user id', { ...int4, nullable: true })], {
        primaryKey: ['id'],
        foreignKeys: [
          {
            name: 'fk',
            columns: ['user id'],
            refSchema: 'public',
            refTable: 'users',
            refColumns: ['id'],
            onDelete: 'cascade',
            onUpdate: 'no action',
          },
        ],
      }),
      table(
        'public',
        'Order Items',
        [column('order', int4), column('select', int4), column('ünï', { nullable: true })],
        {
          primaryKey: ['order', 'select'],
        },
      ),
      table('public', 'date', [column('on', { dataType: 'date', baseType: 'date', kind: 'date' })]),
      table('public', 'user_totals', [column('user_id', { ...int4, nullable: true })], { type: 'view' }),
    ],
  })
}
