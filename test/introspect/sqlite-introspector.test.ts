import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { SchemaMetadata, type Table } from '../../src/introspect/metadata.js'
import { introspectSqlite } from '../../src/introspect/sqlite-introspector.js'
import { createSqliteDb, openAdminDb, suiteFixture, withAdmin } from '../helpers/test-db.js'

const fixture = readFileSync(new URL('../fixtures/awkward-sqlite.sql', import.meta.url), 'utf8')

function assertDeepFrozen(value: unknown, path = 'metadata'): void {
  if (value === null || typeof value !== 'object') return
  assert.ok(Object.isFrozen(value), `${path} is frozen`)
  for (const [key, child] of Object.entries(value)) assertDeepFrozen(child, `${path}.${key}`)
}

describe('introspectSqlite on the awkward fixture', () => {
  const fx = suiteFixture(() => openAdminDb('sqlite', fixture))
  let metadata: SchemaMetadata
  before(async () => {
    metadata = await introspectSqlite(fx.connection.db)
  })
  const table = (name: string): Table => {
    const found = metadata.tables.find((t) => t.name === name)
    assert.ok(found, `table ${name}`)
    return found
  }
  const column = (tableName: string, name: string) => {
    const found = table(tableName).columns.find((c) => c.name === name)
    assert.ok(found, `column ${tableName}.${name}`)
    return found
  }

  it('lists the tables and views of main, sorted, without sqlite_* internals', () => {
    assert.equal(metadata.dialect, 'sqlite')
    assert.deepEqual(metadata.schemas, ['main'])
    assert.deepEqual(
      metadata.tables.map((t) => `${t.schema}.${t.name}:${t.type}`),
      [
        'main.Mixed Case Ünïcode:table',
        'main.audit_log:table',
        'main.legacy_ids:table',
        'main.order:table',
        'main.order_items:table',
        'main.order_totals:view',
        'main.products:table',
        'main.select:table',
        'main.stock_levels:table',
        'main.stock_moves:table',
        'main.tags:table',
        'main.user:table',
      ],
    )
  })

  it('is valid metadata, deeply frozen, and the same on a second run', async () => {
    assert.deepEqual(SchemaMetadata.parse(metadata), metadata)
    assertDeepFrozen(metadata)
    assert.deepEqual(await introspectSqlite(fx.connection.db), metadata)
  })

  it('tells the rowid alias from INT PRIMARY KEY, INTEGER PRIMARY KEY DESC and WITHOUT ROWID keys', () => {
    // table, column, nullable, autoIncrement
    const expectations: Array<[string, string, boolean, boolean]> = [
      ['user', 'id', false, true], // INTEGER PRIMARY KEY
      ['order', 'id', false, true], // INTEGER PRIMARY KEY AUTOINCREMENT
      ['Mixed Case Ünïcode', 'Ключ', false, true],
      ['select', 'code', true, false], // INT PRIMARY KEY: not an alias, and NULL is allowed
      ['legacy_ids', 'id', true, false], // INTEGER PRIMARY KEY DESC: not an alias
      ['products', 'sku', false, false], // STRICT: key columns are NOT NULL
      ['order_items', 'order_id', false, false], // composite key of INTEGER columns: no alias
      ['stock_levels', 'warehouse', false, false], // WITHOUT ROWID: key columns are NOT NULL
      ['stock_levels', 'bin', false, false],
    ]
    for (const [t, c, nullable, autoIncrement] of expectations) {
      assert.deepEqual(
        { nullable: column(t, c).nullable, autoIncrement: column(t, c).autoIncrement },
        { nullable, autoIncrement },
        `${t}.${c}`,
      )
    }
    for (const t of metadata.tables) for (const c of t.columns) assert.equal(c.identity, null)
  })

  it('reads primary keys in key order, tables without a key, WITHOUT ROWID and STRICT', () => {
    // table, primaryKey, withoutRowid, strict
    const expectations: Array<[string, string[], boolean, boolean]> = [
      ['user', ['id'], false, false],
      ['order_items', ['order_id', 'line'], false, false],
      ['stock_levels', ['warehouse', 'sku', 'bin'], true, false],
      ['products', ['sku'], false, true],
      ['audit_log', [], false, false],
      ['tags', [], false, false],
      ['order_totals', [], false, false],
    ]
    for (const [t, primaryKey, withoutRowid, strict] of expectations) {
      const { primaryKey: pk, withoutRowid: wr, strict: st } = table(t)
      assert.deepEqual({ pk, wr, st }, { pk: primaryKey, wr: withoutRowid, st: strict }, t)
    }
  })

  it('keeps columns in declared order', () => {
    assert.deepEqual(
      table('order_items').columns.map((c) => c.name),
      ['order_id', 'line', 'sku', 'qty', 'unit_price', 'subtotal', 'subtotal_cents'],
    )
  })

  it('reads declared types, their kinds and modifiers', () => {
    // table, column, dataType, baseType, kind, length, precision, scale
    type Row = [string, string, string, string, string, number | null, number | null, number | null]
    const expectations: Row[] = [
      ['user', 'email', 'VARCHAR(20)', 'VARCHAR', 'text', 20, null, null],
      ['tags', 'slug', 'VARCHAR ( 40 )', 'VARCHAR', 'text', 40, null, null],
      ['tags', 'lang', 'CHAR(2)', 'CHAR', 'text', 2, null, null],
      ['tags', 'label', 'varchar(80)', 'VARCHAR', 'text', 80, null, null],
      ['order', 'total', 'DECIMAL(10,2)', 'DECIMAL', 'decimal', null, 10, 2],
      ['order_items', 'qty', 'NUMBER(5)', 'NUMBER', 'decimal', null, 5, 0],
      ['order', 'paid', 'BOOLEAN', 'BOOLEAN', 'boolean', null, null, null],
      ['user', 'created_at', 'DATETIME', 'DATETIME', 'datetime', null, null, null],
      ['order', 'meta', 'JSON', 'JSON', 'json', null, null, null],
      ['select', 'group', 'UUID', 'UUID', 'uuid', null, null, null],
      ['select', 'where', 'MONEY', 'MONEY', 'decimal', null, null, null],
      ['select', 'code', 'INT', 'INT', 'integer', null, null, null],
      ['audit_log', 'payload', 'BLOB', 'BLOB', 'binary', null, null, null],
      ['audit_log', 'message', '', '', 'unknown', null, null, null],
      ['Mixed Case Ünïcode', 'big', 'BIGINT', 'BIGINT', 'bigint', null, null, null],
      ['order_totals', 'email', 'VARCHAR(20)', 'VARCHAR', 'text', 20, null, null],
      ['order_totals', 'amount', '', '', 'unknown', null, null, null],
    ]
    for (const [t, c, dataType, baseType, kind, length, precision, scale] of expectations) {
      const { dataType: d, baseType: b, kind: k, length: l, precision: p, scale: s } = column(t, c)
      assert.deepEqual([d, b, k, l, p, s], [dataType, baseType, kind, length, precision, scale], `${t}.${c}`)
    }
  })

  it('reads defaults as SQL text and generated columns', () => {
    assert.equal(column('user', 'Display Name').default, `'a, (tricky'' default'`)
    assert.equal(column('user', 'created_at').default, 'CURRENT_TIMESTAMP')
    assert.equal(column('order', 'paid').default, 'FALSE')
    assert.equal(column('order_items', 'sku').default, `'unknown'`)
    assert.equal(column('user', 'email').default, null)
    assert.equal(column('order_items', 'subtotal').generated, 'virtual')
    assert.equal(column('order_items', 'subtotal').dataType, '')
    assert.equal(column('order_items', 'subtotal_cents').generated, 'stored')
    assert.equal(column('order_items', 'subtotal_cents').dataType, 'INTEGER')
    assert.equal(column('order_items', 'qty').generated, null)
  })

  it('reads simple CHECK IN lists as choices, column- and table-level, in declared order', () => {
    assert.deepEqual(column('user', 'status').choices, ['active', 'disabled', "it's, (complicated)"])
    assert.equal(column('user', 'status').kind, 'enum')
    assert.deepEqual(column('order', 'priority').choices, ['1', '2', '-3'])
    assert.deepEqual(column('products', 'kind').choices, ['physical', 'digital'])
    assert.deepEqual(column('Mixed Case Ünïcode', 'Größe').choices, ['S', 'M', 'L'])
    assert.equal(column('stock_moves', 'delta').choices, null)
    assert.equal(column('user', 'email').choices, null)
  })

  it('reads checks with their CONSTRAINT name or a numbered one', () => {
    assert.deepEqual(table('order').checks, [
      { name: 'check_1', expression: '(priority IN (1, 2, -3))' },
      { name: 'total_not_negative', expression: 'total >= 0' },
    ])
    assert.deepEqual(table('user').checks, [
      { name: 'user_status_list', expression: `status IN ('active', 'disabled', 'it''s, (complicated)')` },
    ])
    assert.deepEqual(table('stock_moves').checks, [{ name: 'check_1', expression: 'delta <> 0' }])
    assert.deepEqual(table('audit_log').checks, [])
  })

  it('reads foreign keys: names, every rule, implied and differently cased parent keys, multi-column', () => {
    const fk = (
      name: string,
      columns: string[],
      refTable: string,
      refColumns: string[],
      onDelete: string,
      onUpdate = 'no action',
    ) => ({ name, columns, refSchema: 'main', refTable, refColumns, onDelete, onUpdate })
    assert.deepEqual(table('user').foreignKeys, [fk('fk_user_manager_id', ['manager_id'], 'user', ['id'], 'set null')])
    assert.deepEqual(table('order').foreignKeys, [
      fk('fk_order_seller_id', ['seller_id'], 'user', ['id'], 'no action'),
      fk('order_buyer', ['buyer_id'], 'user', ['id'], 'restrict', 'cascade'),
    ])
    assert.deepEqual(table('order_items').foreignKeys, [
      fk('fk_order_items_order_id', ['order_id'], 'order', ['id'], 'cascade'),
      fk('fk_order_items_sku', ['sku'], 'products', ['sku'], 'set default'),
    ])
    assert.deepEqual(table('stock_moves').foreignKeys, [
      fk(
        'move → level',
        ['warehouse', 'sku', 'bin'],
        'stock_levels',
        ['warehouse', 'sku', 'bin'],
        'cascade',
        'cascade',
      ),
    ])
    assert.deepEqual(table('Mixed Case Ünïcode').foreignKeys, [
      fk('fk_Mixed Case Ünïcode_product_sku', ['product_sku'], 'products', ['sku'], 'set null'),
    ])
    assert.deepEqual(table('order_totals').foreignKeys, [])
  })

  it('reads unique constraints with their CONSTRAINT name or uq_<table>_<columns>', () => {
    assert.deepEqual(table('tags').uniques, [
      { name: 'tags_slug_lang', columns: ['slug', 'lang'] },
      { name: 'uq_tags_label', columns: ['label'] },
    ])
    assert.deepEqual(table('user').uniques, [{ name: 'uq_user_email', columns: ['email'] }])
    assert.deepEqual(table('order').uniques, [])
  })

  it('reads every index: CREATE INDEX with expressions and WHERE, UNIQUE and PRIMARY KEY autoindexes', () => {
    assert.deepEqual(table('user').indexes, [
      { name: 'sqlite_autoindex_user_1', columns: ['email'], unique: true, partial: false },
      { name: 'user_email_lower', columns: ['lower(email)', 'status'], unique: false, partial: false },
      { name: 'user_manager_active', columns: ['manager_id', 'email'], unique: true, partial: true },
    ])
    assert.deepEqual(table('stock_levels').indexes, [
      { name: 'sqlite_autoindex_stock_levels_1', columns: ['warehouse', 'sku', 'bin'], unique: true, partial: false },
    ])
    assert.deepEqual(
      table('select').indexes.map((i) => i.name),
      ['sqlite_autoindex_select_1'],
    )
    assert.deepEqual(table('order').indexes, [])
  })

  it('keeps quoted, reserved, spaced and unicode names exactly', () => {
    assert.deepEqual(
      table('select').columns.map((c) => c.name),
      ['code', 'from', 'group', 'where'],
    )
    assert.deepEqual(
      table('Mixed Case Ünïcode').columns.map((c) => c.name),
      ['Ключ', 'Weird "quoted" col', 'big', 'Größe', 'product_sku'],
    )
    assert.equal(column('user', 'Display Name').kind, 'text')
  })

  it('counts rows of tables and leaves views uncounted', () => {
    assert.equal(table('user').estimatedRows, 2)
    assert.equal(table('order_items').estimatedRows, 2)
    assert.equal(table('audit_log').estimatedRows, 0)
    assert.equal(table('order_totals').estimatedRows, null)
  })

  it('sets the fields SQLite has no notion of to null', () => {
    for (const t of metadata.tables) {
      assert.equal(t.comment, null)
      for (const c of t.columns) assert.deepEqual([c.arrayElementType, c.domain, c.comment], [null, null, null])
    }
  })

  it('describes a bigint column whose stored value is above 2^53, and the value stays exact', async () => {
    assert.equal(column('Mixed Case Ünïcode', 'big').kind, 'bigint')
    const rows = (
      await sql<{ big: unknown }>`select big from ${sql.table('Mixed Case Ünïcode')}`.execute(fx.connection.db)
    ).rows
    assert.deepEqual(rows, [{ big: '9007199254740993' }])
  })
})

describe('introspectSqlite on unusual databases', () => {
  it('reads an empty database', async () => {
    await withAdmin('sqlite', '', async ({ connection: conn }) => {
      assert.deepEqual(await introspectSqlite(conn.db), { dialect: 'sqlite', schemas: ['main'], tables: [] })
    })
  })

  it('stops counting past 10000 rows and counts tables with a quote in their name', async () => {
    const setup = `create table big(x); create table "quo""te"(x);
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 10050) insert into big select i from n;
      insert into "quo""te" values (1), (2), (3);`
    await withAdmin('sqlite', setup, async ({ connection: conn }) => {
      const tables = (await introspectSqlite(conn.db)).tables
      assert.deepEqual(
        tables.map((t) => [t.name, t.estimatedRows]),
        [
          ['big', 10001],
          ['quo"te', 3],
        ],
      )
    })
  })

  it('ignores attached and temp databases, and reads main even when a temp table shadows it', async () => {
    await withAdmin('sqlite', 'create table shared(a integer primary key, b text)', async ({ connection: conn }) => {
      const other = await createSqliteDb('create table elsewhere(x)')
      try {
        const path = other.url.slice('sqlite:'.length)
        await sql`attach database ${path} as other`.execute(conn.db)
        await sql`create temp table shared(shadow int)`.execute(conn.db)
        await sql`create temp table only_temp(x)`.execute(conn.db)
        const tables = (await introspectSqlite(conn.db)).tables
        assert.deepEqual(
          tables.map((t) => [t.name, t.columns.map((c) => c.name)]),
          [['shared', ['a', 'b']]],
        )
        await sql`detach database other`.execute(conn.db)
      } finally {
        await other.drop()
      }
    })
  })

  it('keeps virtual tables without their hidden columns or shadow tables, and what cannot be read with no columns', async () => {
    const setup = `create virtual table docs using fts5(body, title);
      insert into docs values ('hello', 'greeting');
      create table dropped(x); create view broken as select x from dropped; drop table dropped;
      create table fine(a);`
    await withAdmin('sqlite', setup, async ({ connection: conn, test }) => {
      // A virtual table whose module this connection does not have cannot even list its columns.
      const raw = new Database(test.url.slice('sqlite:'.length))
      // The factory form makes a module CREATE VIRTUAL TABLE can use; @types/better-sqlite3 lacks it.
      const factory = () => ({
        columns: ['n'],
        *rows() {
          yield { n: 1 }
        },
      })
      raw.table('numbers', factory as unknown as Parameters<Database.Database['table']>[1])
      raw.exec('create virtual table orphan using numbers')
      raw.close()
      const tables = (await introspectSqlite(conn.db)).tables
      assert.deepEqual(
        tables.map((t) => [t.name, t.type, t.columns.map((c) => c.name), t.estimatedRows]),
        [
          ['broken', 'view', [], null],
          ['docs', 'table', ['body', 'title'], 1],
          ['fine', 'table', ['a'], 0],
          ['orphan', 'table', [], null],
        ],
      )
    })
  })

  it('names duplicate and clashing unnamed constraints deterministically', async () => {
    const setup = `create table p(id integer primary key, code text unique);
      create table c(
        a int references p, b int,
        foreign key (a) references p (id) on delete cascade,
        constraint fk_c_a_2 check (b > 0),
        check (b < 10),
        constraint check_1 check (b <> 5)
      );`
    await withAdmin('sqlite', setup, async ({ connection: conn }) => {
      const c = (await introspectSqlite(conn.db)).tables.find((t) => t.name === 'c')
      assert.ok(c)
      assert.deepEqual(
        c.foreignKeys.map((fk) => [fk.name, fk.onDelete]),
        [
          ['fk_c_a', 'no action'],
          ['fk_c_a_3', 'cascade'],
        ],
      )
      assert.deepEqual(
        c.checks.map((check) => check.name),
        ['check_1', 'check_1_2', 'fk_c_a_2'],
      )
    })
  })
})
