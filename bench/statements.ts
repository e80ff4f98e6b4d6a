// `npm run bench:statements`: the SQL each page runs, on the demo database, on SQLite and on Postgres. Prints per
// page the driver calls (a round trip each on Postgres), the SQL statements in them (a simple-protocol call may carry
// several), the transactions, and the transactions that ran nothing but their own set-up.
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { sql, type LogEvent } from 'kysely'
import { connect } from '../src/db/connect.js'
import { workerStatements } from '../src/db/sqlite-read-pool.js'
import { createAdmin } from '../src/http/create-admin.js'
import { createUrls } from '../src/http/urls.js'
import { encodeRecordKey } from '../src/records/record-key.js'
import { createPostgresDb } from '../test/helpers/test-db.js'
import { benchDemoDatabase, copyDemoToPostgres } from './demo-database.js'

const { values: args } = parseArgs({
  options: {
    // 0.2: 20,000 orders, past the count cap (their estimate is shown), the other tables counted.
    scale: { type: 'string', default: '0.2' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    // Prints every statement of every page too.
    verbose: { type: 'boolean', default: false },
  },
})
const scale = Number(args.scale)

const demoPath = await benchDemoDatabase(scale)

interface Count {
  readonly page: string
  readonly calls: number
  readonly statements: number
  readonly transactions: number
  readonly empty: number
}
const results = new Map<string, Count[]>()

for (const dialect of args.dialects.split(',')) {
  if (dialect === 'postgres') {
    // The test server (STEWARD_TEST_PG_URL) when there is one, else a server of this process's own.
    const target = await createPostgresDb()
    try {
      await copyDemoToPostgres(demoPath, target.url)
      results.set(dialect, await countPages(target.url, 'steward.audit_log'))
    } finally {
      await target.drop()
    }
  } else {
    results.set(dialect, await countPages(`sqlite:${demoPath}`, join(dirname(demoPath), 'bench-statements-audit.db')))
  }
}
printTable()

async function countPages(url: string, auditTarget: string): Promise<Count[]> {
  let captured: string[] = []
  const conn = await connect(url, { log: (event: LogEvent) => void captured.push(event.query.sql) })
  // SQLite's searches run in reading processes: each statement sent to one is a call too (a transaction's begin
  // travels with its first statement).
  const inWorkers = (message: unknown) => void captured.push((message as { sql: string }).sql)
  subscribe(workerStatements.name, inWorkers)
  try {
    const schema = await conn.dialect.introspect(conn.db)
    const app = createAdmin({ db: conn.db, schema, checkDrift: false, audit: { target: auditTarget } })
    const urls = createUrls('')
    const table = (name: string) => schema.tables.find((t) => t.name === name)!
    const orders = table('orders')
    const customers = table('customers')
    const { rows } = await sql<{ id: unknown; customer_id: unknown }>`
      select id, customer_id from orders order by id limit 1 offset 100`.execute(conn.db)
    const { id, customer_id } = rows[0]!
    const someone = (
      await sql<{ name: string }>`select last_name as name from customers order by id limit 1 offset 100`.execute(
        conn.db,
      )
    ).rows[0]!.name
    const key = encodeRecordKey([id])
    const pages: [string, string][] = [
      ['index', urls.index()],
      ['orders list, page 1', urls.list(orders)],
      ['orders list, page 2', urls.list(orders, [['page', '2']])],
      ['orders filtered by status', urls.list(orders, [['f.status', 'shipped']])],
      ['orders filtered by customer', urls.list(orders, [['f.customer_id', String(customer_id)]])],
      ['customers list search', urls.list(customers, [['q', someone]])],
      ['search across tables', urls.search(someone)],
      ['order detail', urls.detail(orders, key)],
      ['order edit form', urls.edit(orders, key)],
      ['order delete preview', urls.delete(orders, key)],
      ['order history', urls.history(orders, key)],
    ]
    // The first request sets up (the audit table, the drift check); a warm page runs what every request runs.
    for (const [, path] of pages) await (await app.request(path)).arrayBuffer()
    const counts: Count[] = []
    for (const [page, path] of pages) {
      captured = []
      const response = await app.request(path)
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
      const ran = captured.map((text) => text.replace(/\s+/g, ' ').trim())
      if (args.verbose) console.error(`${url.split(':')[0]} ${page}:\n  ${ran.join('\n  ')}`)
      counts.push({ page, ...tally(ran) })
    }
    return counts
  } finally {
    unsubscribe(workerStatements.name, inWorkers)
    await conn.close()
  }
}

/** Driver calls, the statements in them, the transactions opened and those that ran nothing but `set_config`. */
function tally(calls: readonly string[]): Omit<Count, 'page'> {
  const statements = calls.flatMap(splitStatements)
  let transactions = 0
  let empty = 0
  let inside: string[] | null = null
  for (const statement of statements) {
    const word = statement.split(' ')[0]!.toLowerCase()
    if (word === 'begin' || word === 'start') {
      transactions++
      inside = []
    } else if (word === 'commit' || word === 'rollback') {
      if (inside && inside.every((s) => /^select set_config\(/i.test(s))) empty++
      inside = null
    } else inside?.push(statement)
  }
  return { calls: calls.length, statements: statements.length, transactions, empty }
}

/** The `;`-separated statements of one call, `;` inside quotes or identifiers left alone. */
function splitStatements(text: string): string[] {
  const parts: string[] = []
  let current = ''
  let quote: string | null = null
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null
    } else if (ch === "'" || ch === '"') quote = ch
    else if (ch === ';') {
      parts.push(current.trim())
      current = ''
      continue
    }
    current += ch
  }
  parts.push(current.trim())
  return parts.filter(Boolean)
}

function printTable(): void {
  const dialects = [...results.keys()]
  const pages = results.get(dialects[0]!)!.map((c) => c.page)
  const header = ['page', ...dialects.flatMap((d) => [`${d} calls`, `${d} statements`, `${d} transactions (empty)`])]
  const lines = pages.map((page) => [
    page,
    ...dialects.flatMap((d) => {
      const c = results.get(d)!.find((r) => r.page === page)!
      return [String(c.calls), String(c.statements), `${c.transactions} (${c.empty})`]
    }),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(`\nStatements per page, demo database at scale ${scale} (a call is one round trip on Postgres)`)
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const l of lines) console.log(line(l))
}
