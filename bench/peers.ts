// `npm run bench:peers`: Steward and Django Admin (the harness in ../shared/peers) over the same shop
// database, the same pages at the same concurrency, alternating in one run, next to the raw driver running
// the SQL Steward ran. Prints one table. Only ratios measured side by side mean anything on a shared machine.
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { LogEvent } from 'kysely'
import { connect } from '../src/db/connect.js'
import { workerStatements } from '../src/db/sqlite-read-pool.js'
import { createAdmin } from '../src/http/create-admin.js'
import { startPgServer, type PgServer } from '../test/helpers/pg-server.js'
import { loadFn, loadHttp, type LoadResult } from './load.js'
import { setUpDjango, startDjango } from './peers/django-admin.js'
import { startFloor } from './peers/floor-server.js'
import { groupCpuMs, type PeerServer } from './peers/local-server.js'
import { peerPages, type PeerPage } from './peers/peer-pages.js'
import { printPeerTable, type Measured, type PeerRow } from './peers/peer-table.js'
import { copyPeers, shopPostgres, shopSqlite } from './peers/shop-dataset.js'
import { startSteward } from './peers/steward-process.js'
import { postgresRunner, sqliteRunner, type CapturedQuery } from './raw-baseline.js'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    seconds: { type: 'string', default: '4' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    concurrency: { type: 'string', default: '1,32' },
    workers: { type: 'string', default: '2' },
    peers: { type: 'string', default: process.env.STEWARD_PEERS ?? '../shared/peers' },
  },
})
const scale = Number(args.scale)
const seconds = Number(args.seconds)
const workers = Number(args.workers)
const concurrencies = args.concurrency.split(',').map(Number)
const secret = 'bench-only-secret'

const work = resolve('data/peers')
mkdirSync(work, { recursive: true })
const peers = copyPeers(resolve(args.peers), join(work, 'harness'))
await setUpDjango(peers)

const rows: PeerRow[] = []
let pgServer: PgServer | undefined
try {
  for (const dialect of args.dialects.split(',')) {
    const url =
      dialect === 'postgres'
        ? await shopPostgres(peers, (pgServer ??= await startPgServer()).url, scale)
        : await shopSqlite(peers, join(work, `shop-${scale}.db`), scale)
    rows.push(...(await compareOn(dialect, url)))
  }
} finally {
  await pgServer?.stop()
}
printPeerTable(
  rows,
  `Steward vs Django Admin (gunicorn, ${workers} sync workers), shop dataset SCALE=${scale}, ${seconds} s per cell, both logged in`,
)

async function compareOn(dialect: string, url: string): Promise<PeerRow[]> {
  const { pages, plans } = await capturePages(url)
  const accounts = dialect === 'postgres' ? 'steward_bench' : join(work, `steward-accounts-${scale}.db`)
  const steward = await startSteward(url, accounts, secret)
  let django: PeerServer | undefined
  // The orders list served with no framework at all (SQLite only): what the page costs above the bare minimum.
  const floor = dialect === 'sqlite' ? await startFloor(peers, url.replace(/^sqlite:/, '')) : undefined
  const raw = dialect === 'postgres' ? postgresRunner(url, 10) : sqliteRunner(url.replace(/^sqlite:/, ''))
  try {
    django = await startDjango(peers, url, workers)
    const result: PeerRow[] = []
    let cell = 0
    for (const page of pages) {
      await answersOk(steward, page.steward)
      await answersOk(django, page.django)
      // Warm-up: Django's workers load their modules and templates on first use, Steward its statements.
      await load(steward, page.steward, 2, 1)
      await load(django, page.django, 2, 1)
      for (const concurrency of concurrencies) {
        // Alternate which server goes first, so that neither always runs on the machine the other warmed.
        const [first, second] = cell++ % 2 === 0 ? [steward, django] : [django, steward]
        const a = await load(first, first === steward ? page.steward : page.django, concurrency, seconds)
        const b = await load(second, second === steward ? page.steward : page.django, concurrency, seconds)
        const [stewardResult, djangoResult] = first === steward ? [a, b] : [b, a]
        const queries = plans.get(page.steward)!
        const baseline = await loadFn(() => raw.run(queries), concurrency, seconds)
        const bare = floor && page.name === 'orders list, page 1' ? await load(floor, '/', concurrency, seconds) : null
        result.push({
          page: page.name,
          dialect,
          concurrency,
          steward: stewardResult,
          django: djangoResult,
          raw: baseline,
          floor: bare,
        })
        console.error(
          `${dialect} ${page.name} c=${concurrency}: Steward ${stewardResult.rps.toFixed(1)} req/s, Django ${djangoResult.rps.toFixed(1)} req/s, raw ${baseline.rps.toFixed(0)}/s`,
        )
      }
    }
    return result
  } finally {
    await raw.close()
    await floor?.stop()
    await django?.stop()
    await steward.stop()
  }
}

/** The pages, and the SQL Steward runs for each (captured in process), for the raw driver to run alone. */
async function capturePages(url: string): Promise<{ pages: PeerPage[]; plans: Map<string, CapturedQuery[]> }> {
  let captured: CapturedQuery[] = []
  const log = (event: LogEvent) => {
    captured.push({ sql: event.query.sql, parameters: event.query.parameters })
  }
  const conn = await connect(url, { log })
  // SQLite searches run their statements in reading processes, outside the connection's log.
  const inWorkers = (message: unknown) => {
    const { sql, parameters } = message as { sql: string; parameters: readonly unknown[] }
    // A worker's transaction begins with its first statement (not published) and ends with a `commit`: the
    // bare driver replays the statements alone.
    if (!/^\s*(commit|rollback)\s*$/i.test(sql)) captured.push({ sql, parameters })
  }
  subscribe(workerStatements.name, inWorkers)
  try {
    const schema = await conn.dialect.introspect(conn.db)
    const pages = await peerPages(conn.db, schema)
    const admin = createAdmin({ db: conn.db, schema, checkDrift: false, secret })
    await admin.request('/')
    const plans = new Map<string, CapturedQuery[]>()
    for (const page of pages) {
      captured = []
      const response = await admin.request(page.steward)
      if (response.status !== 200) throw new Error(`${page.steward} answered ${response.status} in process`)
      await response.arrayBuffer()
      plans.set(page.steward, captured)
    }
    return { pages, plans }
  } finally {
    unsubscribe(workerStatements.name, inWorkers)
    await conn.close()
  }
}

/** A load run, and the server's CPU time per answered request over it (see `groupCpuMs`). */
async function load(server: PeerServer, path: string, concurrency: number, forSeconds: number): Promise<Measured> {
  const before = server.group === undefined ? undefined : groupCpuMs(server.group)
  const result = await loadHttp([server.base + path], concurrency, forSeconds, 200_000, { cookie: server.cookie })
  const after = server.group === undefined ? undefined : groupCpuMs(server.group)
  const cpuMs = before === undefined || after === undefined ? undefined : (after - before) / result.requests
  return { ...result, cpuMs }
}

async function answersOk(server: PeerServer, path: string): Promise<void> {
  const response = await fetch(server.base + path, { headers: { cookie: server.cookie }, redirect: 'manual' })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${server.base}${path} answered ${response.status}`)
}
