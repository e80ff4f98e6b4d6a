import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { BulkInsert } from './bulk-insert.js'
import { generateCatalog } from './demo-catalog.js'
import { generateOrders } from './demo-orders.js'
import { generateCustomers, generateStaff } from './demo-people.js'
import { planDemo, type DemoPlan } from './demo-plan.js'
import { createIndexSql, demoIndexes, demoSchema, demoTables, type DemoTable } from './demo-schema.js'
import { Random } from './random.js'

export interface DemoOptions {
  /** Size relative to the default: 1 ≈ 100k orders (20k customers, 2k products), 10 ≈ 1M orders, 0.01 for tests. */
  readonly scale?: number
  /** Called now and then with work done so far out of the total (abstract units, for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void
  /** Stops the build between batches; the partial file is removed and `path` is left as it was. */
  readonly signal?: AbortSignal
}

export interface DemoSummary {
  readonly path: string
  readonly scale: number
  readonly rows: Readonly<Record<DemoTable, number>>
  readonly bytes: number
  readonly ms: number
}

type Row = ReadonlyArray<unknown>

// Rows per batch between progress reports, abort checks and turns of the event loop (so Ctrl-C is heard).
const batch = 5_000

/**
 * Builds the demo shop database at `path` from a seeded generator: the same scale always gives the
 * same rows. The build goes to a temporary file beside `path`, renamed over it only when complete, so
 * an interrupted or failed run never leaves half a database behind.
 *
 * @example const summary = await createDemoDatabase('data/demo.db', { scale: 1 })
 */
export async function createDemoDatabase(path: string, options: DemoOptions = {}): Promise<DemoSummary> {
  const scale = options.scale ?? 1
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, not ${scale}`)
  const started = performance.now()
  const plan = planDemo(scale)
  const loaded = plan.customers + plan.products + plan.orders
  // Indexes, ANALYZE and the foreign key check take about 0.8 times as long as loading the orders (measured).
  const tail = Math.round(plan.orders * 0.8)
  const total = loaded + tail
  const progress = (done: number) => options.onProgress?.(Math.min(done, total), total)

  mkdirSync(dirname(path), { recursive: true })
  const partial = `${path}.${process.pid}.partial`
  rmSync(partial, { force: true })
  const db = openForBulkLoad(partial)
  try {
    db.exec(demoSchema)
    const rows = await load(db, plan, progress, options.signal)
    await index(db, rows, (fraction) => progress(loaded + Math.round(tail * fraction)), options.signal)
    db.pragma('journal_mode = DELETE')
    db.close()
    syncFile(partial)
    options.signal?.throwIfAborted()
    renameSync(partial, path)
    progress(total)
    return { path, scale, rows, bytes: statSync(path).size, ms: Math.round(performance.now() - started) }
  } catch (error) {
    if (db.open) db.close()
    rmSync(partial, { force: true })
    throw error
  }
}

function openForBulkLoad(path: string): Database.Database {
  const db = new Database(path)
  // Nothing to protect while the file is private to this build: no journal, no fsync until the end.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('cache_size = -65536')
  db.pragma('temp_store = MEMORY')
  // better-sqlite3 turns foreign keys on by default; one foreign_key_check after the load is cheaper.
  db.pragma('foreign_keys = OFF')
  return db
}

/** Inserts every row in one transaction, parents before children, and counts them per table. */
async function load(
  db: Database.Database,
  plan: DemoPlan,
  progress: (done: number) => void,
  signal: AbortSignal | undefined,
): Promise<Record<DemoTable, number>> {
  const tables = Object.keys(demoTables) as DemoTable[]
  const inserts = Object.fromEntries(
    tables.map((table) => [table, new BulkInsert(db, table, demoTables[table])]),
  ) as Record<DemoTable, BulkInsert>
  const put = (table: DemoTable, row: Row) => inserts[table].add(row)
  let done = 0
  const step = async () => {
    if (++done % batch !== 0) return
    progress(done)
    signal?.throwIfAborted()
    await yieldToEventLoop()
  }

  db.exec('BEGIN')
  for (const row of generateStaff(plan, new Random('steward-demo:staff'))) put('staff', row)
  for (const { customer, addresses } of generateCustomers(plan, new Random('steward-demo:customers'))) {
    put('customers', customer)
    for (const address of addresses) put('addresses', address)
    await step()
  }
  const catalog = generateCatalog(plan, new Random('steward-demo:catalog'))
  for (const row of catalog.categories) put('categories', row)
  for (const row of catalog.tags) put('tags', row)
  for (const row of catalog.products) {
    put('products', row)
    await step()
  }
  for (const row of catalog.productTags) put('product_tags', row)
  for (const { order, items, payments } of generateOrders(plan, catalog, new Random('steward-demo:orders'))) {
    put('orders', order)
    for (const item of items) put('order_items', item)
    for (const payment of payments) put('payments', payment)
    await step()
  }
  for (const insert of Object.values(inserts)) insert.flush()
  db.exec('COMMIT')
  progress(done)
  return Object.fromEntries(tables.map((table) => [table, inserts[table].count])) as Record<DemoTable, number>
}

/** Creates the indexes, runs ANALYZE and checks the foreign keys, reporting the fraction done after each. */
async function index(
  db: Database.Database,
  rows: Readonly<Record<DemoTable, number>>,
  report: (fraction: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Each step's share of the bar follows the rows it reads; sorting the rows of a new index dominates.
  const allRows = Object.values(rows).reduce((sum, n) => sum + n, 0)
  const steps: Array<readonly [weight: number, run: () => void]> = [
    ...demoIndexes.map(([table, column]) => [rows[table], () => db.exec(createIndexSql(table, column))] as const),
    [allRows * 0.2, () => db.exec('ANALYZE')],
    [allRows * 0.4, () => checkForeignKeys(db)],
  ]
  const totalWeight = steps.reduce((sum, [weight]) => sum + weight, 0)
  let finished = 0
  for (const [weight, run] of steps) {
    run()
    finished += weight
    report(finished / totalWeight)
    signal?.throwIfAborted()
    await yieldToEventLoop()
  }
}

// The generator is meant to satisfy every foreign key; this proves it for the file about to be handed out.
function checkForeignKeys(db: Database.Database): void {
  const broken = db.pragma('foreign_key_check') as unknown[]
  if (broken.length > 0) throw new Error(`demo data breaks ${broken.length} foreign keys: ${JSON.stringify(broken[0])}`)
}

// With synchronous=OFF nothing was flushed; flush before the rename makes the file visible under its real name.
function syncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
