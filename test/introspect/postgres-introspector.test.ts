import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { SchemaMetadata, type Column, type Table } from '../../src/introspect/metadata.js'
import { introspectPostgres } from '../../src/introspect/postgres-introspector.js'
import { openAdminDb, suiteFixture } from '../helpers/test-db.js'

const fixture = readFileSync(new URL('../fixtures/awkward-postgres.sql', import.meta.url), 'utf8')

describe('introspectPostgres over the awkward fixture', () => {
  const fx = suiteFixture(() => openAdminDb('postgres', fixture))
  let beforeAnalyze: SchemaMetadata
  let metadata: SchemaMetadata

  before(async () => {
    beforeAnalyze = await introspectPostgres(fx.connection.db)
    await fx.test.exec('analyze')
    metadata = await introspectPostgres(fx.connection.db)
  })

  const table = (name: string, schema = 'public'): Table => {
    const found = metadata.tables.find((t) => t.schema === schema && t.name === name)
    assert.ok(found, `table ${schema}.${name}`)
    return found
  }
  const column = (tableName: string, name: string, schema = 'public'): Column => {
    const found = table(tableName, schema).columns.find((c) => c.name === name)
    assert.ok(found, `column ${tableName}.${name}`)
    return found
  }

  it('lists every table, view and materialized view once, partitions left out', () => {
    assert.deepEqual(metadata.schemas, ['billing', 'public'])
    assert.deepEqual(
      metadata.tables.map((t) => `${t.schema}.${t.name}:${t.type}`),
      [
        'billing.invoices:table',
        'public.Mixed Case Ünïcode:table',
        'public.active_users:view',
        'public.event_log:table',
        'public.invoices:table',
        'public.kitchen_sink:table',
        'public.measurement_notes:table',
        'public.measurements:table',
        'public.order:table',
        'public.order_totals:materialized view',
        'public.select:table',
        'public.slot_items:table',
        'public.tags:table',
        'public.user:table',
        'public.warehouse_slots:table',
      ],
    )
    assert.ok(SchemaMetadata.parse(metadata))
  })

  it('keeps columns in declared order', () => {
    assert.deepEqual(
      table('user').columns.map((c) => c.name),
      ['id', 'email', 'manager_id', 'status', 'created_at'],
    )
  })

  it('reads primary keys in key order, and tables without one', () => {
    assert.deepEqual(table('select').primaryKey, ['order_id', 'line'])
    assert.deepEqual(table('warehouse_slots').primaryKey, ['warehouse', 'aisle', 'shelf'])
    assert.deepEqual(table('measurements').primaryKey, ['id', 'taken_on'])
    assert.deepEqual(table('event_log').primaryKey, [])
    assert.deepEqual(table('tags').primaryKey, [])
  })

  it('reads unique constraints and every index, key-backing ones included', () => {
    assert.deepEqual(table('tags').uniques, [
      { name: 'tags_name_key', columns: ['name'] },
      { name: 'tags_slug_scope_key', columns: ['slug', 'scope'] },
    ])
    assert.deepEqual(table('user').uniques, [{ name: 'user_email_key', columns: ['email'] }])
    assert.deepEqual(table('slot_items').indexes, [
      { name: 'slot_items_pkey', columns: ['id'], unique: true, partial: false },
      { name: 'slot_items_sku_lower', columns: ['lower(sku::text)', 'id'], unique: false, partial: true },
    ])
    assert.deepEqual(table('warehouse_slots').indexes, [
      { name: 'warehouse_slots_pkey', columns: ['warehouse', 'aisle', 'shelf'], unique: true, partial: false },
    ])
    assert.deepEqual(table('order_totals').indexes, [
      { name: 'order_totals_buyer', columns: ['buyer_id'], unique: true, partial: false },
    ])
  })

  it('reads foreign keys with their columns, target and rules', () => {
    const fk = (tableName: string, schema = 'public') =>
      table(tableName, schema).foreignKeys.map((k) => ({
        ...k,
        columns: [...k.columns],
        refColumns: [...k.refColumns],
      }))
    assert.deepEqual(fk('user'), [
      {
        name: 'user_manager_id_fkey',
        columns: ['manager_id'],
        refSchema: 'public',
        refTable: 'user',
        refColumns: ['id'],
        onDelete: 'set null',
        onUpdate: 'no action',
      },
    ])
    assert.deepEqual(fk('order'), [
      {
        name: 'order_buyer_id_fkey',
        columns: ['buyer_id'],
        refSchema: 'public',
        refTable: 'user',
        refColumns: ['id'],
        onDelete: 'restrict',
        onUpdate: 'cascade',
      },
      {
        name: 'order_seller_id_fkey',
        columns: ['seller_id'],
        refSchema: 'public',
        refTable: 'user',
        refColumns: ['id'],
        onDelete: 'no action',
        onUpdate: 'no action',
      },
    ])
    assert.equal(fk('select')[0]?.onDelete, 'cascade')
    assert.deepEqual(fk('slot_items'), [
      {
        name: 'slot_items_warehouse_aisle_shelf_fkey',
        columns: ['warehouse', 'aisle', 'shelf'],
        refSchema: 'public',
        refTable: 'warehouse_slots',
        refColumns: ['warehouse', 'aisle', 'shelf'],
        onDelete: 'set default',
        onUpdate: 'no action',
      },
    ])
    assert.deepEqual(fk('invoices', 'billing'), [
      {
        name: 'invoices_public_invoice_id_fkey',
        columns: ['public_invoice_id'],
        refSchema: 'public',
        refTable: 'invoices',
        refColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    ])
    // Postgres clones a FK to a partitioned table once per partition; only the original is reported.
    assert.deepEqual(
      fk('measurement_notes').map((k) => [k.refTable, k.columns, k.refColumns]),
      [['measurements', ['measurement_id', 'taken_on'], ['id', 'taken_on']]],
    )
  })

  it('resolves each type to its kind, base type and modifiers', () => {
    const facts = (name: string) => {
      const c = column('kitchen_sink', name)
      return [c.dataType, c.baseType, c.kind, c.length, c.precision, c.scale]
    }
    const expected: Record<string, unknown[]> = {
      id: ['uuid', 'uuid', 'uuid', null, null, null],
      big: ['bigint', 'int8', 'bigint', null, null, null],
      amount: ['numeric(38,10)', 'numeric', 'decimal', null, 38, 10],
      plain_numeric: ['numeric', 'numeric', 'decimal', null, null, null],
      ratio: ['double precision', 'float8', 'float', null, null, null],
      flag: ['boolean', 'bool', 'boolean', null, null, null],
      code: ['character(3)', 'bpchar', 'text', 3, null, null],
      label: ['character varying(20)', 'varchar', 'text', 20, null, null],
      body: ['text', 'text', 'text', null, null, null],
      ints: ['integer[]', '_int4', 'array', null, null, null],
      words: ['text[]', '_text', 'array', null, null, null],
      statuses: ['order_status[]', '_order_status', 'array', null, null, null],
      doc: ['json', 'json', 'json', null, null, null],
      docb: ['jsonb', 'jsonb', 'json', null, null, null],
      span: ['interval', 'interval', 'interval', null, null, null],
      addr: ['inet', 'inet', 'network', null, null, null],
      net: ['cidr', 'cidr', 'network', null, null, null],
      mac: ['macaddr', 'macaddr', 'network', null, null, null],
      blob: ['bytea', 'bytea', 'binary', null, null, null],
      search: ['tsvector', 'tsvector', 'text', null, null, null],
      ts: ['timestamp without time zone', 'timestamp', 'datetime', null, null, null],
      ts3: ['timestamp(3) without time zone', 'timestamp', 'datetime', null, 3, null],
      tstz: ['timestamp with time zone', 'timestamptz', 'datetime', null, null, null],
      d: ['date', 'date', 'date', null, null, null],
      t: ['time without time zone', 'time', 'time', null, null, null],
      ttz: ['time with time zone', 'timetz', 'time', null, null, null],
      slug: ['text', 'text', 'text', null, null, null],
      price: ['positive_amount', 'numeric', 'decimal', null, 12, 2],
    }
    assert.deepEqual(
      table('kitchen_sink').columns.map((c) => c.name),
      Object.keys(expected),
    )
    for (const [name, want] of Object.entries(expected)) assert.deepEqual(facts(name), want, name)
    assert.equal(column('kitchen_sink', 'ints').arrayElementType, 'int4')
    assert.equal(column('kitchen_sink', 'words').arrayElementType, 'text')
    assert.equal(column('kitchen_sink', 'body').arrayElementType, null)
  })

  it('keeps a bigint above 2^53 exact when read back', async () => {
    const { rows } = await sql<{ big: unknown }>`select big from kitchen_sink`.execute(fx.connection.db)
    assert.deepEqual(
      rows.map((r) => r.big),
      ['9007199254740993'],
    )
  })

  it('tells identity, serial, generated and plain defaults apart', () => {
    const facts = (t: string, c: string, schema?: string) => {
      const col = column(t, c, schema)
      return {
        default: col.default,
        identity: col.identity,
        autoIncrement: col.autoIncrement,
        generated: col.generated,
      }
    }
    assert.deepEqual(facts('order', 'id'), { default: null, identity: 'always', autoIncrement: true, generated: null })
    assert.deepEqual(facts('invoices', 'id', 'billing'), {
      default: null,
      identity: 'by default',
      autoIncrement: true,
      generated: null,
    })
    assert.deepEqual(facts('Mixed Case Ünïcode', 'Id').identity, 'by default')
    assert.deepEqual(facts('user', 'id'), {
      default: "nextval('user_id_seq'::regclass)",
      identity: null,
      autoIncrement: true,
      generated: null,
    })
    assert.deepEqual(facts('slot_items', 'id').autoIncrement, true)
    assert.deepEqual(facts('kitchen_sink', 'slug'), {
      default: null,
      identity: null,
      autoIncrement: false,
      generated: 'stored',
    })
    assert.deepEqual(facts('kitchen_sink', 'id'), {
      default: 'gen_random_uuid()',
      identity: null,
      autoIncrement: false,
      generated: null,
    })
    assert.deepEqual(facts('order', 'status').default, "'pending'::order_status")
    assert.deepEqual(facts('order', 'placed_on').default, 'CURRENT_DATE')
  })

  it('reads nullability, a domain NOT NULL included', () => {
    assert.equal(column('user', 'email').nullable, false)
    assert.equal(column('user', 'manager_id').nullable, true)
    assert.equal(column('order', 'total').nullable, false, 'positive_amount is NOT NULL')
    assert.equal(column('slot_items', 'sku').nullable, false)
    assert.equal(column('kitchen_sink', 'label').nullable, true)
  })

  it('gives enum labels in declared order, not alphabetical', () => {
    assert.deepEqual(column('order', 'status').choices, ['pending', 'paid', 'shipped', 'cancelled'])
    assert.equal(column('order', 'status').kind, 'enum')
    assert.equal(column('order', 'status').baseType, 'order_status')
    assert.deepEqual(column('order', 'priority').choices, ['low', 'normal', 'high'])
    assert.equal(column('order', 'priority').dataType, '"Priority Level"')
    // An array of an enum offers the labels for its elements, but stays an array.
    assert.deepEqual(column('kitchen_sink', 'statuses').choices, ['pending', 'paid', 'shipped', 'cancelled'])
    assert.equal(column('kitchen_sink', 'statuses').arrayElementType, 'order_status')
  })

  it('reads choices from simple CHECK lists, and only from those', () => {
    const choices = (t: string, c: string) => [column(t, c).kind, column(t, c).choices]
    assert.deepEqual(choices('user', 'status'), ['enum', ['active', 'suspended', 'closed']])
    assert.deepEqual(choices('select', 'size'), ['enum', ['S', 'M', 'L', 'XL']])
    assert.deepEqual(choices('order', 'channel'), ['enum', ['web', 'phone', 'shop']])
    assert.deepEqual(choices('Mixed Case Ünïcode', 'Weird "quoted" col'), ['enum', ["it's", 'back\\slash', 'plain']])
    assert.deepEqual(choices('select', 'quantity'), ['integer', null])
    assert.deepEqual(choices('order', 'seller_id'), ['bigint', null])
    assert.deepEqual(table('select').checks, [
      { name: 'select_quantity_check', expression: 'CHECK ((quantity > 0))' },
      {
        name: 'select_size_check',
        expression:
          "CHECK (((size)::text = ANY ((ARRAY['S'::character varying, 'M'::character varying, 'L'::character varying, 'XL'::character varying])::text[])))",
      },
    ])
    assert.deepEqual(
      table('order').checks.map((c) => c.name),
      ['order_channel_check', 'order_parties_differ'],
    )
    assert.equal(table('order').checks[1]?.expression, 'CHECK ((seller_id IS DISTINCT FROM buyer_id))')
  })

  it('resolves domains to their base type and reads their constraints', () => {
    const total = column('order', 'total')
    assert.deepEqual(
      [total.dataType, total.baseType, total.kind, total.domain],
      ['positive_amount', 'numeric', 'decimal', 'positive_amount'],
    )
    assert.deepEqual([total.precision, total.scale, total.choices], [12, 2, null])
    const sku = column('slot_items', 'sku')
    assert.deepEqual(
      [sku.dataType, sku.baseType, sku.kind, sku.length, sku.domain],
      ['short_code', 'varchar', 'text', 8, 'short_code'],
    )
    assert.equal(sku.default, "'n/a'::character varying", 'the default comes from the domain')
    const currency = column('invoices', 'currency', 'billing')
    assert.deepEqual(
      [currency.dataType, currency.baseType, currency.kind, currency.length, currency.domain, currency.choices],
      ['billing.currency', 'bpchar', 'enum', 3, 'billing.currency', ['EUR', 'USD', 'GBP']],
    )
    assert.equal(column('kitchen_sink', 'body').domain, null)
  })

  it('round-trips quoted, mixed-case, unicode and reserved names exactly', () => {
    const weird = table('Mixed Case Ünïcode')
    assert.deepEqual(
      weird.columns.map((c) => c.name),
      ['Id', 'Weird "quoted" col', 'Straße', 'select'],
    )
    assert.deepEqual(weird.primaryKey, ['Id'])
    assert.deepEqual(
      weird.indexes.map((i) => [i.name, i.columns]),
      [
        ['Mixed Case Ünïcode idx', ['lower("Weird ""quoted"" col")', 'Straße']],
        ['Mixed Case Ünïcode_pkey', ['Id']],
      ],
    )
    assert.equal(weird.columns[1]?.comment, `Quotes 'inside' and "out"`)
    assert.equal(column('Mixed Case Ünïcode', 'Straße').length, 20)
    assert.deepEqual(
      table('select').columns.map((c) => c.name),
      ['order_id', 'line', 'quantity', 'size'],
    )
    assert.equal(table('order').name, 'order')
  })

  it('reads table and column comments', () => {
    assert.equal(table('user').comment, 'People who can log in')
    assert.equal(column('user', 'email').comment, 'Login e-mail, unique')
    assert.equal(table('invoices', 'billing').comment, 'Invoices as the accounting system sees them')
    assert.equal(table('invoices').comment, null)
    assert.equal(column('user', 'id').comment, null)
  })

  it('keeps the same-named tables of two schemas apart', () => {
    assert.deepEqual(
      table('invoices').columns.map((c) => c.name),
      ['id', 'order_id', 'number'],
    )
    assert.deepEqual(
      table('invoices', 'billing').columns.map((c) => c.name),
      ['id', 'public_invoice_id', 'currency', 'amount'],
    )
  })

  it('reads views as views: no key, every column nullable, no estimate', () => {
    const view = table('active_users')
    assert.equal(view.type, 'view')
    assert.deepEqual(view.primaryKey, [])
    assert.deepEqual(
      view.columns.map((c) => [c.name, c.dataType, c.nullable]),
      [
        ['id', 'bigint', true],
        ['email', 'character varying(254)', true],
      ],
    )
    assert.equal(view.estimatedRows, null)
    const matview = table('order_totals')
    assert.equal(matview.type, 'materialized view')
    assert.deepEqual(matview.primaryKey, [])
    assert.deepEqual(
      matview.columns.map((c) => [c.name, c.kind]),
      [
        ['buyer_id', 'bigint'],
        ['orders', 'bigint'],
      ],
    )
  })

  it('estimates rows once analysed, and says unknown before', () => {
    const unanalysed = beforeAnalyze.tables.find((t) => t.name === 'invoices' && t.schema === 'public')
    assert.equal(unanalysed?.estimatedRows, null)
    assert.equal(table('event_log').estimatedRows, 250)
    assert.equal(table('kitchen_sink').estimatedRows, 1)
    assert.equal(table('invoices').estimatedRows, 0)
    assert.equal(table('measurements').estimatedRows, 120, 'a partitioned table sums its partitions')
  })

  it('sets the SQLite-only options to false', () => {
    assert.ok(metadata.tables.every((t) => t.withoutRowid === false && t.strict === false))
  })

  it('returns frozen metadata, identical on a second run', async () => {
    assert.ok(Object.isFrozen(metadata))
    assert.ok(Object.isFrozen(metadata.tables))
    assert.ok(Object.isFrozen(table('order').columns[0]))
    assert.ok(Object.isFrozen(table('order').foreignKeys[0]?.columns))
    assert.throws(() => {
      ;(table('order') as { name: string }).name = 'x'
    }, TypeError)
    const again = await introspectPostgres(fx.connection.db)
    assert.deepEqual(again, metadata)
    assert.equal(JSON.stringify(again), JSON.stringify(metadata))
  })

  it('reads only the schemas asked for', async () => {
    const billing = await introspectPostgres(fx.connection.db, { schemas: ['billing'] })
    assert.deepEqual(billing.schemas, ['billing'])
    assert.deepEqual(
      billing.tables.map((t) => `${t.schema}.${t.name}`),
      ['billing.invoices'],
    )
    assert.deepEqual(billing.tables[0], table('invoices', 'billing'))
    const none = await introspectPostgres(fx.connection.db, { schemas: ['no_such_schema'] })
    assert.deepEqual([none.schemas, none.tables], [[], []])
  })
})
