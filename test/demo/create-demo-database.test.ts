import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { connect } from '../../src/db/connect.js'
import { createDemoDatabase, type DemoSummary } from '../../src/demo/create-demo-database.js'
import {
  customerTiers,
  demoTables,
  orderStatuses,
  paymentMethods,
  staffRoles,
  type DemoTable,
} from '../../src/demo/demo-schema.js'

const tables = Object.keys(demoTables) as DemoTable[]
const bin = fileURLToPath(new URL('../../bin/steward.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'steward-demo-'))
let first: DemoSummary
let second: DemoSummary
let db: Database.Database

const all = (query: string) => db.prepare(query).all() as Record<string, unknown>[]
const value = (query: string) => db.prepare(query).pluck().get()
const column = (query: string) => db.prepare(query).pluck().all()

before(async () => {
  first = await createDemoDatabase(join(dir, 'a', 'demo.db'), { scale: 0.01 })
  second = await createDemoDatabase(join(dir, 'b', 'demo.db'), { scale: 0.01 })
  db = new Database(first.path, { readonly: true })
})

after(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('createDemoDatabase', () => {
  it('creates every table and the view, with row counts in the intended proportions', () => {
    for (const table of tables) assert.equal(value(`SELECT count(*) FROM ${table}`), first.rows[table], table)
    const rows = first.rows
    assert.equal(rows.orders, 1000)
    assert.equal(rows.customers, 200)
    assert.equal(rows.products, 20)
    assert.ok(rows.order_items / rows.orders > 2.7 && rows.order_items / rows.orders < 3.3, `${rows.order_items} items`)
    assert.ok(rows.payments / rows.orders > 0.9 && rows.payments / rows.orders < 1.15, `${rows.payments} payments`)
    assert.ok(rows.addresses / rows.customers > 1.1 && rows.addresses / rows.customers < 1.5)
    assert.ok(rows.product_tags > 0 && rows.staff >= 6 && rows.tags > 10)
    const summary = all('SELECT count(*) AS n, sum(order_count) AS orders FROM customer_order_summary')[0]
    assert.deepEqual(summary, { n: 200, orders: 1000 })
    assert.ok(first.bytes > 100_000 && existsSync(first.path))
    assert.deepEqual(readdirSync(join(dir, 'a')), ['demo.db'], 'no partial file is left beside the database')
  })

  it('gives byte-identical table contents for the same scale', () => {
    const other = new Database(second.path, { readonly: true })
    try {
      for (const table of tables) assert.equal(tableHash(other, table), tableHash(db, table), table)
    } finally {
      other.close()
    }
  })

  it('satisfies every foreign key, with the declared ON DELETE rules', () => {
    assert.deepEqual(db.pragma('foreign_key_check'), [])
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
    const rules = all(`SELECT m.name || '.' || f."from" AS fk, f."table" AS parent, f.on_delete AS rule
      FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY 1`)
    assert.deepEqual(Object.fromEntries(rules.map((r) => [r.fk, `${r.parent} ${r.rule}`])), {
      'addresses.customer_id': 'customers CASCADE',
      'categories.parent_id': 'categories SET NULL',
      'order_items.order_id': 'orders CASCADE',
      'order_items.product_id': 'products RESTRICT',
      'orders.customer_id': 'customers RESTRICT',
      'orders.staff_id': 'staff SET NULL',
      'payments.order_id': 'orders CASCADE',
      'product_tags.product_id': 'products CASCADE',
      'product_tags.tag_id': 'tags CASCADE',
      'products.category_id': 'categories SET NULL',
    })
  })

  it('keeps every value inside its CHECK list, and the CHECKs are enforced', () => {
    const within = (query: string, allowed: readonly string[], atLeast: number) => {
      const found = column(query) as string[]
      for (const v of found) assert.ok(allowed.includes(v), `${v} is not in ${allowed.join(', ')}`)
      assert.ok(found.length >= atLeast, `${query}: only ${found.join(', ')}`)
    }
    within('SELECT DISTINCT status FROM orders', orderStatuses, 4)
    within('SELECT DISTINCT tier FROM customers', customerTiers, 3)
    within('SELECT DISTINCT role FROM staff', staffRoles, 3)
    within('SELECT DISTINCT method FROM payments', paymentMethods, 3)
    const writable = new Database(first.path)
    try {
      assert.throws(() => writable.prepare("UPDATE orders SET status = 'lost' WHERE id = 1").run(), {
        code: 'SQLITE_CONSTRAINT_CHECK',
      })
    } finally {
      writable.close()
    }
  })

  it('has notes that are NULL, empty and filled, and valid JSON and digests', () => {
    assert.ok((value('SELECT count(*) FROM customers WHERE notes IS NULL') as number) > 0)
    assert.ok((value("SELECT count(*) FROM customers WHERE notes = ''") as number) > 0)
    assert.ok((value("SELECT count(*) FROM customers WHERE notes <> ''") as number) > 0)
    assert.ok((value('SELECT count(*) FROM customers WHERE phone IS NULL') as number) > 0)
    assert.equal(value('SELECT count(*) FROM customers WHERE NOT json_valid(preferences)'), 0)
    assert.equal(value("SELECT count(*) FROM products WHERE json_type(attributes) <> 'object'"), 0)
    const digests = 'FROM payments WHERE receipt_digest IS NOT NULL'
    assert.deepEqual(column(`SELECT DISTINCT length(receipt_digest) ${digests}`), [16])
    assert.deepEqual(column(`SELECT DISTINCT typeof(receipt_digest) ${digests}`), ['blob'])
    assert.ok((value('SELECT count(*) FROM payments WHERE receipt_digest IS NULL') as number) > 0)
    assert.equal(value('SELECT count(DISTINCT email) = count(*) FROM customers'), 1)
  })

  it('stores external_ref values above 2^53 as integers that read back exactly', async () => {
    const raw = db.prepare('SELECT id, external_ref FROM orders WHERE external_ref > 9007199254740991 ORDER BY id')
    const rows = raw.safeIntegers().all() as { id: bigint; external_ref: bigint }[]
    assert.ok(rows.length > 0)
    // The low digits encode the order id, so a value rounded through a double would not match.
    for (const row of rows) assert.equal((row.external_ref - 1_130_000_000_000_000_000n) / 1000n, row.id)
    assert.deepEqual(column('SELECT DISTINCT typeof(external_ref) FROM orders ORDER BY 1'), ['integer', 'null'])
    const target = rows[0] as { id: bigint; external_ref: bigint }
    const conn = await connect(`sqlite:${first.path}`)
    try {
      const read = await sql<{
        ref: unknown
      }>`SELECT external_ref AS ref FROM orders WHERE id = ${Number(target.id)}`.execute(conn.db)
      assert.equal(read.rows[0]?.ref, target.external_ref.toString())
    } finally {
      await conn.close()
    }
  })

  it('keeps money exact to the cent: order totals are the sum of their lines', () => {
    for (const price of column('SELECT price FROM products') as number[]) {
      assert.equal(Math.round(price * 100) / 100, price)
    }
    assert.equal(
      value(`SELECT count(*) FROM orders o WHERE round(o.total * 100) <>
      (SELECT sum(quantity * round(unit_price * 100)) FROM order_items i WHERE i.order_id = o.id)`),
      0,
    )
    assert.equal(
      value(`SELECT count(*) FROM orders o WHERE status IN ('paid', 'shipped', 'delivered') AND
      round(o.total * 100) <> (SELECT sum(round(amount * 100)) FROM payments p WHERE p.order_id = o.id)`),
      0,
    )
    assert.equal(
      value(`SELECT count(*) FROM orders WHERE status IN ('pending', 'cancelled')
      AND id IN (SELECT order_id FROM payments)`),
      0,
    )
  })

  it('spreads dates over three years ending on a fixed day, in causal order', () => {
    const range = all('SELECT min(placed_at) AS first, max(placed_at) AS last FROM orders')[0] as Record<string, string>
    assert.ok(range.first! >= '2022-07-01 00:00:00' && range.first! < '2022-09-01', range.first)
    assert.ok(range.last! >= '2025-06-01' && range.last! <= '2025-06-30 23:59:59', range.last)
    const stamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/
    for (const v of column('SELECT placed_at FROM orders UNION ALL SELECT paid_at FROM payments') as string[]) {
      assert.match(v, stamp)
    }
    assert.equal(
      value(`SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id
      WHERE o.placed_at < c.created_at`),
      0,
    )
    assert.equal(value('SELECT count(*) FROM orders WHERE shipped_at < placed_at'), 0)
    assert.equal(
      value(`SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id
      WHERE p.paid_at < o.placed_at OR p.paid_at > '2025-06-30 23:59:59'`),
      0,
    )
    assert.equal(
      value(`SELECT count(*) FROM orders
      WHERE (shipped_at IS NULL) <> (status IN ('pending', 'paid', 'cancelled'))`),
      0,
    )
  })

  it('has a three-level category tree, STRICT tables and an index leading with every foreign key', () => {
    const depth = value(`WITH RECURSIVE tree(id, depth) AS (
      SELECT id, 1 FROM categories WHERE parent_id IS NULL
      UNION ALL SELECT c.id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id)
      SELECT max(depth) FROM tree`)
    assert.equal(depth, 3)
    assert.deepEqual(column('SELECT name FROM pragma_table_list WHERE strict ORDER BY name'), [
      'addresses',
      'categories',
      'product_tags',
      'staff',
      'tags',
    ])
    const leading = new Set(
      column(`SELECT m.name || '.' || ii.name FROM sqlite_schema m,
      pragma_index_list(m.name) il, pragma_index_info(il.name) ii WHERE m.type = 'table' AND ii.seqno = 0`) as string[],
    )
    const fkColumns = column(`SELECT m.name || '.' || f."from" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table'`) as string[]
    for (const fk of [...fkColumns, 'orders.placed_at', 'customers.email', 'products.name']) {
      assert.ok(leading.has(fk), `no index leads with ${fk}`)
    }
    assert.ok((value('SELECT count(*) FROM sqlite_stat1') as number) > 0, 'ANALYZE ran')
    assert.equal(value('PRAGMA journal_mode'), 'delete')
  })

  it('leaves the target untouched and no partial file when the build is aborted', async () => {
    const target = join(dir, 'aborted', 'demo.db')
    mkdirSync(join(dir, 'aborted'))
    writeFileSync(target, 'the previous database')
    const abort = new AbortController()
    await assert.rejects(
      createDemoDatabase(target, { scale: 0.05, signal: abort.signal, onProgress: () => abort.abort() }),
      { name: 'AbortError' },
    )
    assert.equal(readFileSync(target, 'utf8'), 'the previous database')
    assert.deepEqual(readdirSync(join(dir, 'aborted')), ['demo.db'])
  })
})

describe('steward demo', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, 'demo', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 })

  it('writes the database, prints one summary line, and draws no progress bar when stderr is not a terminal', () => {
    const result = run('--out', 'cli/demo.db', '--scale', '0.01')
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /^Created cli\/demo\.db \([\d.]+ MB\) in [\d.]+ s: .*1,000 orders, .*payments\n$/)
    assert.equal(result.stderr, '')
  })

  it('refuses to overwrite an existing file unless --force is given', () => {
    const before = readFileSync(join(dir, 'cli', 'demo.db'))
    const refused = run('--out', 'cli/demo.db', '--scale', '0.01')
    assert.equal(refused.status, 1)
    assert.match(refused.stderr, /cli\/demo\.db already exists; use --force/)
    assert.ok(readFileSync(join(dir, 'cli', 'demo.db')).equals(before))
    const forced = run('--out', 'cli/demo.db', '--scale', '0.01', '--force')
    assert.equal(forced.status, 0, forced.stderr)
  })

  it('rejects a scale that is not a positive number', () => {
    const result = run('--out', 'cli/other.db', '--scale', 'lots')
    assert.equal(result.status, 2)
    assert.match(result.stderr, /--scale must be a number/)
    assert.equal(existsSync(join(dir, 'cli', 'other.db')), false)
  })
})

/** A hash over every row of a table in key order, keeping the storage types (integer vs real, blob bytes). */
function tableHash(database: Database.Database, table: string): string {
  const hash = createHash('sha256')
  const rows = database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().safeIntegers().iterate()
  for (const row of rows as Iterable<unknown[]>) {
    hash.update(JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)))
    hash.update('\n')
  }
  return hash.digest('hex')
}
