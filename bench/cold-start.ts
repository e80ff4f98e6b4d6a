// `npm run bench:start`: cold start and memory of `steward serve` as a user runs it (bin/steward.js, which
// runs the bundle in dist/ when it is fresh), over the demo database. Builds nothing: run `npm run build`
// first, or it measures the TypeScript sources through tsx (it says so). Prints the median of several runs:
// time to listening, to the first 200 of the index and of a list (each in a process of its own, as the first
// request), resident memory idle, after the first page, after load at c=32, and after an idle pause.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { connect } from '../src/db/connect.js'
import { httpFetch, loadHttp } from './load.js'
import { scenarios } from './scenarios.js'
import { benchDemoDatabase, copyDemoToPostgres } from './demo-database.js'

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    scale: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    pause: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    // generated: serve with the files `steward generate` wrote (as after `steward start`); introspect: without.
    modes: { type: 'string', default: 'generated' },
    // Other checkouts (built) to measure in the same run, interleaved run by run: a before and an after.
    compare: { type: 'string', multiple: true, default: [] },
    // Extra flags for the served node process (e.g. --max-semi-space-size=2), to compare settings.
    'node-flags': { type: 'string', default: '' },
  },
})
const runs = Number(args.runs)
const scale = Number(args.scale)
const seconds = Number(args.seconds)
const pauseSeconds = Number(args.pause)
const concurrency = Number(args.concurrency)
// What a browser sends: pages are compressed for it, as they are for a person using the admin.
const browserHeaders = { 'accept-encoding': 'gzip, deflate, br' }
const nodeFlags = args['node-flags'].split(' ').filter(Boolean)

const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'bin', 'steward.js')
const checkouts = [root, ...args.compare.map((dir) => resolve(dir))]
mkdirSync(join(root, 'data'), { recursive: true })

interface Sample {
  listeningMs: number
  indexMs: number
  listMs: number
  indexCpuMs: number
  listCpuMs: number
  rssIdleMb: number
  rssFirstPageMb: number
  rssLoadedMb: number
  rssChildrenLoadedMb: number
  rssPausedMb: number
  rssCollectedMb: number
  loadRps: number
}

for (const checkout of checkouts) {
  const runs = bundleIsFresh(checkout)
    ? 'the bundle dist/steward.mjs'
    : 'src/ through tsx (stale or no dist/: npm run build)'
  console.error(`${checkout}/bin/steward.js runs ${runs}`)
}
const demoPath = await benchDemoDatabase(scale, root)

const results: { label: string; samples: Sample[] }[] = []
for (const dialect of args.dialects.split(',')) {
  const url = dialect === 'postgres' ? await postgresCopy() : `sqlite:${demoPath}`
  if (!url) continue
  const paths = await pagePaths(url)
  for (const mode of args.modes.split(',')) {
    const generated = mode === 'generated' ? await generatedDir(dialect, url) : '/nonexistent'
    const samples: Sample[][] = checkouts.map(() => [])
    for (let run = 0; run < runs; run++) {
      for (const [i, checkout] of checkouts.entries()) {
        samples[i]!.push(await oneRun(checkout, url, generated, paths))
        console.error(
          `${dialect} ${mode} ${label(checkout)} run ${run + 1}/${runs}: ${JSON.stringify(samples[i]!.at(-1), round)}`,
        )
      }
    }
    for (const [i, checkout] of checkouts.entries())
      results.push({
        label: `${dialect}, ${mode}${checkouts.length > 1 ? `, ${label(checkout)}` : ''}`,
        samples: samples[i]!,
      })
  }
}
printReport()

/** One sample: three fresh processes, so that each first request is the process's first. */
async function oneRun(checkout: string, url: string, generated: string, paths: Paths): Promise<Sample> {
  const first = await startServer(checkout, url, generated)
  const index = await timedGet(first, paths.index)
  await first.stop()

  const second = await startServer(checkout, url, generated)
  const list = await timedGet(second, paths.list)
  await second.stop()

  const third = await startServer(checkout, url, generated, true)
  try {
    await pause(1000)
    const rssIdleMb = rssMb(third.process)
    await timedGet(third, paths.list)
    const rssFirstPageMb = rssMb(third.process)
    const load = await loadHttp(
      paths.load.map((path) => third.base + path),
      concurrency,
      seconds,
      200_000,
      browserHeaders,
    )
    if (load.errors > 0) console.error(`  ${load.errors} requests failed under load`)
    const rssLoadedMb = rssMb(third.process)
    const rssChildrenLoadedMb = childrenRssMb(third.process)
    await pause(pauseSeconds * 1000)
    const rssPausedMb = rssMb(third.process)
    await collectGarbage(third)
    const rssCollectedMb = rssMb(third.process)
    return {
      listeningMs: first.listeningMs,
      indexMs: index.ms,
      listMs: list.ms,
      indexCpuMs: index.cpuMs,
      listCpuMs: list.cpuMs,
      rssIdleMb,
      rssFirstPageMb,
      rssLoadedMb,
      rssChildrenLoadedMb,
      rssPausedMb,
      rssCollectedMb,
      loadRps: load.rps,
    }
  } finally {
    await third.stop()
  }
}

interface Server {
  process: ChildProcess
  /** The inspector's WebSocket address, printed on stderr once SIGUSR1 opens it (if started inspectable). */
  inspector: Promise<string>
  base: string
  started: number
  listeningMs: number
  stop(): Promise<void>
}

/** `steward serve --port 0` without login; resolves when it prints its address (it is listening then). */
function startServer(checkout: string, url: string, generated: string, inspectable = false): Promise<Server> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    // The memory run only: port 0 for the inspector, which SIGUSR1 opens after the load to force a full GC.
    [
      ...(inspectable ? ['--inspect-port=127.0.0.1:0'] : []),
      ...nodeFlags,
      join(checkout, 'bin', 'steward.js'),
      'serve',
      '--db',
      url,
      '--port',
      '0',
      '--generated',
      generated,
      '--no-auth',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STEWARD_SECRET: 'bench-only-secret' } },
  )
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  const inspector = new Promise<string>((found) => {
    let err = ''
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (chunk: string) => {
      err += chunk
      const lines = err.split('\n')
      err = lines.pop()!
      for (const line of lines) {
        const address = /Debugger listening on (ws:\S+)/.exec(line)?.[1]
        if (address) found(address)
        else if (!/^For help, see|^Debugger (attached|ending)/.test(line)) process.stderr.write(`${line}\n`)
      }
    })
  })
  return new Promise((resolveServer, reject) => {
    let out = ''
    child.stdout!.setEncoding('utf8')
    child.stdout!.on('data', (chunk: string) => {
      out += chunk
      const address = /http:\/\/[^\s/]+:\d+/.exec(out)?.[0]
      if (address) {
        child.stdout!.removeAllListeners('data')
        child.stdout!.resume()
        resolveServer({
          process: child,
          inspector,
          base: address,
          started,
          listeningMs: performance.now() - started,
          stop,
        })
      }
    })
    child.once('exit', (code) => reject(new Error(`steward serve exited with ${code} before listening: ${out}`)))
  })
}

/**
 * A full garbage collection in the server, through its inspector (SIGUSR1 opens it): what the heap holds on
 * to, rather than what V8 has not yet bothered to collect. Node 20 has WebSocket only behind a flag, hence a child.
 */
async function collectGarbage(server: Server): Promise<void> {
  server.process.kill('SIGUSR1')
  const address = await server.inspector
  const script = `const ws = new WebSocket(${JSON.stringify(address)})
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }))
    ws.onmessage = (event) => { if (JSON.parse(event.data).id === 1) { ws.close(); process.exit(0) } }
    ws.onerror = () => process.exit(1)`
  const flags = typeof WebSocket === 'function' ? [] : ['--experimental-websocket']
  await new Promise<void>((done, fail) =>
    spawn(process.execPath, [...flags, '-e', script], { stdio: 'inherit' }).once('exit', (code) =>
      code === 0 ? done() : fail(new Error('could not reach the inspector to collect garbage')),
    ),
  )
}

/** Milliseconds from the server's spawn to a 200 for `path`. */
async function timedGet(server: Server, path: string): Promise<{ ms: number; cpuMs: number }> {
  const response = await httpFetch(server.base + path, { headers: browserHeaders })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
  return { ms: performance.now() - server.started, cpuMs: cpuMs(server.process) }
}

/**
 * The CPU time the process has used so far, all its threads (V8's compiler and GC helpers included): on a
 * machine shared with other work, a steadier figure than the wall clock, which counts the waits for a core too.
 */
function cpuMs(child: ChildProcess): number {
  let ns = 0
  for (const task of readdirSync(`/proc/${child.pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${child.pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    } catch {
      // the thread ended meanwhile
    }
  }
  return ns / 1e6
}

interface Paths {
  index: string
  list: string
  /** What the load cycles through: the index, lists, a keyset page, a filter, a record, its edit form. */
  load: string[]
}

async function pagePaths(url: string): Promise<Paths> {
  const conn = await connect(url)
  try {
    const schema = await conn.dialect.introspect(conn.db)
    const pages = await scenarios(conn.db, schema)
    // No search: its full scans measure the database, not the process's memory.
    const load = ['/', ...pages.filter((page) => !page.name.includes('search')).map((page) => page.path)]
    return { index: '/', list: pages[0]!.path, load }
  } finally {
    await conn.close()
  }
}

/** What `steward generate` writes for this database, once, under data/. */
async function generatedDir(dialect: string, url: string): Promise<string> {
  const dir = join(root, `data/bench-start-generated-${dialect}`)
  if (!existsSync(join(dir, 'schema.ts'))) {
    await new Promise<void>((done, fail) =>
      spawn(process.execPath, [bin, 'generate', '--db', url, '--out', dir], { cwd: root, stdio: 'inherit' }).once(
        'exit',
        (code) => (code === 0 ? done() : fail(new Error(`steward generate exited with ${code}`))),
      ),
    )
  }
  return dir
}

/**
 * The demo database copied once into a database of its own on the shared test server (STEWARD_TEST_PG_URL);
 * skipped without one: this bench starts no Postgres server.
 */
async function postgresCopy(): Promise<string | undefined> {
  const server = process.env.STEWARD_TEST_PG_URL
  if (!server) {
    console.error('postgres skipped: set STEWARD_TEST_PG_URL to a server this bench may create a database on')
    return undefined
  }
  const name = `steward_bench_start_${String(scale).replace(/\W/g, '_')}`
  const url = server.replace(/\/[^/]*$/, `/${name}`)
  const admin = await connect(server)
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`.execute(admin.db)
    if (found.rows.length > 0) return url
    await sql`create database ${sql.id(name)}`.execute(admin.db)
  } finally {
    await admin.close()
  }
  await copyDemoToPostgres(demoPath, url)
  return url
}

function rssMb(child: ChildProcess): number {
  return pidRssMb(child.pid!)
}

/** What the processes the server started (SQLite's reading processes) hold, all together. */
function childrenRssMb(child: ChildProcess): number {
  return descendants(child.pid!).reduce((sum, pid) => sum + pidRssMb(pid), 0)
}

function pidRssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    return 0 // it ended meanwhile
  }
}

function descendants(pid: number): number[] {
  const children: number[] = []
  try {
    for (const task of readdirSync(`/proc/${pid}/task`))
      children.push(
        ...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
      )
  } catch {
    // ended meanwhile
  }
  return children.flatMap((child) => [child, ...descendants(child)])
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

function label(checkout: string): string {
  return checkout === root ? 'this checkout' : checkout
}

/** What bin/steward.js decides: the bundle while it is newer than every file in src/ and views/. */
function bundleIsFresh(checkout: string): boolean {
  const bundle = join(checkout, 'dist', 'steward.mjs')
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
      ),
    )
  return (
    existsSync(bundle) &&
    statSync(bundle).mtimeMs >= Math.max(newest(join(checkout, 'src')), newest(join(checkout, 'views')))
  )
}

function round(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? Math.round(value * 10) / 10 : value
}

function printReport(): void {
  const measures: [keyof Sample, string, string][] = [
    ['listeningMs', 'exec to listening', 'ms'],
    ['indexMs', 'exec to first 200 of the index', 'ms'],
    ['listMs', 'exec to first 200 of the orders list', 'ms'],
    ['indexCpuMs', 'CPU time to that first 200 of the index', 'ms'],
    ['listCpuMs', 'CPU time to that first 200 of the list', 'ms'],
    ['rssIdleMb', 'RSS idle, 1 s after start', 'MB'],
    ['rssFirstPageMb', 'RSS after the first page', 'MB'],
    ['rssLoadedMb', `RSS after ${seconds} s of load at c=${concurrency}`, 'MB'],
    ['rssChildrenLoadedMb', '  and its child processes then, together', 'MB'],
    ['rssPausedMb', `RSS after ${pauseSeconds} s idle`, 'MB'],
    ['rssCollectedMb', 'RSS after a full GC', 'MB'],
    ['loadRps', 'throughput under that load', 'req/s'],
  ]
  const header = ['measure', ...results.map((r) => r.label)]
  const lines = measures.map(([key, name, unit]) => [
    name,
    ...results.map(({ samples }) => {
      const values = samples.map((s) => s[key]).sort((a, b) => a - b)
      const median = values[Math.floor(values.length / 2)]!
      return `${median.toFixed(0)} ${unit} (${values[0]!.toFixed(0)}–${values.at(-1)!.toFixed(0)})`
    }),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  const flags = nodeFlags.length > 0 ? `, node ${nodeFlags.join(' ')}` : ''
  console.log(
    `\nsteward serve cold start and memory, demo database at scale ${scale}, median of ${runs} (min–max)${flags}`,
  )
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const l of lines) console.log(line(l))
}
