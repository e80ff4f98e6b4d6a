// `npm run bench`: Steward's pages against the raw driver running the same SQL, on the demo database,
// on SQLite and on Postgres. Prints one table of throughput and latency, then cold start and memory.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sql, type LogEvent } from 'kysely'
import { accountStoreFor, addAccount, removeAccount, setUpAccountStore } from '../src/auth/account-store.js'
import { hashPassword } from '../src/auth/password.js'
import { connect } from '../src/db/connect.js'
import { createAdmin } from '../src/http/create-admin.js'
import { startPgServer, type PgServer } from '../test/helpers/pg-server.js'
import { httpFetch, loadFn, loadHttp, type LoadResult } from './load.js'
import { postgresRunner, sqliteRunner, type CapturedQuery, type RawRunner } from './raw-baseline.js'
import { saveCycle } from './save-cycle.js'
import { editPaths, scenarios } from './scenarios.js'
import { csrfField } from '../src/http/middleware/csrf.js'
import { benchDemoDatabase, copyDemoToPostgres } from './demo-database.js'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '4' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    concurrency: { type: 'string', default: '1,32' },
  },
})
const scale = Number(args.scale)
const seconds = Number(args.seconds)
const concurrencies = args.concurrency.split(',').map(Number)

interface Row {
  dialect: string
  scenario: string
  concurrency: number
  steward: LoadResult
  raw: LoadResult
}
const rows: Row[] = []
const benchSecret = 'bench-only-secret'
const startup: { dialect: string; coldStartMs: number; rssIdleMb: number; rssLoadedMb: number }[] = []

const demoPath = await benchDemoDatabase(scale)

let pgServer: PgServer | undefined
try {
  for (const dialect of args.dialects.split(',')) {
    let url = `sqlite:${demoPath}`
    if (dialect === 'postgres') {
      pgServer = await startPgServer()
      const admin = await connect(pgServer.url)
      await sql`create database bench`.execute(admin.db)
      await admin.close()
      url = pgServer.url.replace(/\/postgres$/, '/bench')
      await copyDemoToPostgres(demoPath, url)
    }
    await benchDialect(dialect, url)
  }
} finally {
  await pgServer?.stop()
}
printReport()

async function benchDialect(dialect: string, url: string): Promise<void> {
  // 1. Capture the SQL each page runs, in process, so the raw driver can run exactly the same.
  let captured: CapturedQuery[] = []
  const log = (event: LogEvent) => {
    captured.push({ sql: event.query.sql, parameters: event.query.parameters })
  }
  const conn = await connect(url, { log })
  const schema = await conn.dialect.introspect(conn.db)
  const admin = createAdmin({ db: conn.db, schema, checkDrift: false, secret: benchSecret })
  const pages = await scenarios(conn.db, schema)
  const edits = await editPaths(conn.db, schema)
  const plans: { name: string; path: string; queries: CapturedQuery[] }[] = []
  await admin.request('/') // warm-up, not captured
  for (const page of pages) {
    captured = []
    const response = await admin.request(page.path)
    if (response.status !== 200)
      throw new Error(`${page.path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
    await response.arrayBuffer()
    plans.push({ ...page, queries: captured })
  }
  const jar: { cookie?: string } = {}
  await saveCycle((u, init) => admin.request(u, init), '', edits[0]!, jar) // warm-up: gets the CSRF cookie
  captured = []
  await saveCycle((u, init) => admin.request(u, init), '', edits[0]!, jar)
  const saveQueries = captured
  await conn.close()

  // 2. Serve it as a user would (the CLI, in its own process), timing exec → first 200.
  const server = await startServer(url)
  const raw: RawRunner = dialect === 'postgres' ? postgresRunner(url, 10) : sqliteRunner(demoPath)
  try {
    const rssIdleMb = rssMb(server.process)
    for (const plan of plans) {
      for (const concurrency of concurrencies) {
        const steward = await loadHttp([server.base + plan.path], concurrency, seconds)
        const baseline = await loadFn(() => raw.run(plan.queries), concurrency, seconds)
        rows.push({ dialect, scenario: `${plan.name} (${plan.queries.length} q)`, concurrency, steward, raw: baseline })
        console.error(
          `${dialect} ${plan.name} c=${concurrency}: ${steward.rps.toFixed(0)} req/s vs raw ${baseline.rps.toFixed(0)}/s`,
        )
      }
    }
    for (const concurrency of concurrencies) {
      const serverJar: { cookie?: string } = {}
      await saveCycle(httpFetch, server.base, edits[0]!, serverJar)
      // Each worker saves rows of its own (worker, worker + c, … while they last, then again from its first): two
      // cycles saving the same order at once would meet the conflict check, which answers with the conflict page,
      // not a redirect, and count as errors. (Past `edits.length` workers, some must share.)
      const perWorker = Math.max(1, Math.floor(edits.length / concurrency))
      const saves = Array.from({ length: concurrency }, () => 0)
      const steward = await loadFn(
        (_, worker) =>
          saveCycle(
            httpFetch,
            server.base,
            edits[(worker + concurrency * (saves[worker]!++ % perWorker)) % edits.length]!,
            serverJar,
          ),
        concurrency,
        seconds,
      )
      // Alternate the saved value as Steward's loop does: an UPDATE that changes nothing may skip its write.
      const flipped = saveQueries.map((q) => ({
        ...q,
        parameters: q.parameters.map((p) => (p === 'shipped' ? 'delivered' : p === 'delivered' ? 'shipped' : p)),
      }))
      const baseline = await loadFn((i) => raw.run(i % 2 ? flipped : saveQueries), concurrency, seconds)
      rows.push({
        dialect,
        scenario: `open edit form + save (${saveQueries.length} q)`,
        concurrency,
        steward,
        raw: baseline,
      })
      console.error(
        `${dialect} save cycle c=${concurrency}: ${steward.rps.toFixed(0)}/s vs raw ${baseline.rps.toFixed(0)}/s`,
      )
    }
    startup.push({ dialect, coldStartMs: server.coldStartMs, rssIdleMb, rssLoadedMb: rssMb(server.process) })
    await benchLogin(
      dialect,
      url,
      plans.find((plan) => plan.name === 'order detail')!,
    )
  } finally {
    await raw.close()
    server.process.kill('SIGTERM')
  }
}

/** `steward serve` in its own process; without `accounts` it serves with no login (`--no-auth`, loopback). */
async function startServer(
  url: string,
  accounts?: string,
): Promise<{ process: ChildProcess; base: string; coldStartMs: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const t0 = performance.now()
  const child = spawn(
    process.execPath,
    [
      'bin/steward.js',
      'serve',
      '--db',
      url,
      '--port',
      String(port),
      '--generated',
      '/nonexistent',
      ...(accounts ? ['--accounts', accounts] : ['--no-auth']),
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, STEWARD_SECRET: benchSecret },
    },
  )
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    try {
      const response = await fetch(`${base}/`)
      await response.arrayBuffer()
      // With accounts the index redirects to the login form: the server is up either way.
      if (response.status === 200 || response.status === 303)
        return { process: child, base, coldStartMs: performance.now() - t0 }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10))
  }
  child.kill()
  throw new Error('the server did not answer within 6 s')
}

/**
 * What Steward's own login costs a page: the order detail served by a second server with accounts, loaded
 * with a session cookie (one more statement per request: the session read), beside the same page without login.
 */
async function benchLogin(dialect: string, url: string, plan: { name: string; path: string }): Promise<void> {
  const target = dialect === 'sqlite' ? resolve('data/bench-accounts.db') : 'steward_bench'
  const conn = await connect(url)
  const store = accountStoreFor(conn.dialect.name, target)
  await setUpAccountStore(conn.db, store)
  await removeAccount(conn.db, store, 'bench')
  await addAccount(conn.db, store, { name: 'bench', roles: ['viewer'], passwordHash: await hashPassword(benchSecret) })
  await conn.close()
  const server = await startServer(url, target)
  try {
    const login = await httpFetch(`${server.base}/login`)
    const csrfCookie = login.headers.get('set-cookie')!.split(';')[0]!
    const token = new RegExp(`name="${csrfField}" value="([^"]+)"`).exec(await login.text())![1]!
    const posted = await httpFetch(`${server.base}/login`, {
      method: 'POST',
      headers: { cookie: csrfCookie, origin: server.base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ [csrfField]: token, name: 'bench', password: benchSecret }).toString(),
    })
    const session = (posted.headers.get('set-cookie') ?? '')
      .split(/,(?=\s*steward)/)
      .find((c) => c.includes('steward-session'))
    if (posted.status !== 303 || !session) throw new Error(`the bench login failed: ${posted.status}`)
    const cookie = `${csrfCookie}; ${session.split(';')[0]!.trim()}`
    for (const concurrency of concurrencies) {
      const steward = await loadHttp([server.base + plan.path], concurrency, seconds, 200_000, { cookie })
      const open = rows.find(
        (r) => r.dialect === dialect && r.scenario.startsWith(plan.name) && r.concurrency === concurrency,
      )
      rows.push({
        dialect,
        scenario: `${plan.name}, logged in (vs no login)`,
        concurrency,
        steward,
        raw: open!.steward,
      })
    }
  } finally {
    server.process.kill()
  }
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

function printReport(): void {
  const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-')
  const header = ['dialect', 'measure', 'conc', 'steward', 'p50 ms', 'p99 ms', 'raw', 'p50 ms', 'p99 ms', 'steward/raw']
  const lines = rows.map((r) => [
    r.dialect,
    r.scenario,
    String(r.concurrency),
    `${fmt(r.steward.rps)} req/s`,
    fmt(r.steward.p50, 2),
    fmt(r.steward.p99, 2),
    `${fmt(r.raw.rps)} /s`,
    fmt(r.raw.p50, 2),
    fmt(r.raw.p99, 2),
    `${fmt((r.steward.rps / r.raw.rps) * 100, 1)}%`,
  ])
  // Start-up and memory go in the same table, with their unit in the cell; the raw driver has no such figure.
  const blank = ['', '', '', '', '', '']
  for (const s of startup) {
    lines.push([s.dialect, 'cold start: exec to first 200', '', `${fmt(s.coldStartMs)} ms`, ...blank])
    lines.push([s.dialect, 'resident memory idle', '', `${fmt(s.rssIdleMb)} MB`, ...blank])
    lines.push([s.dialect, 'resident memory after the load', '', `${fmt(s.rssLoadedMb)} MB`, ...blank])
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(`\nSteward vs raw driver, demo database at scale ${scale}, ${seconds} s per cell`)
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const l of lines) console.log(line(l))
  const errors = rows.filter((r) => r.steward.errors > 0 || r.raw.errors > 0)
  for (const r of errors)
    console.log(`errors: ${r.dialect} ${r.scenario}: steward ${r.steward.errors}, raw ${r.raw.errors}`)
}
