// `npm run bench:search-stall`: what searches running on SQLite do to every other page. A cheap page (an order's
// detail) at c=32 and substring searches over the customers and orders tables (c=4, under the expensive-statement
// permits) are loaded each alone, then together, with the searches on the main thread (the old path) and in the
// worker processes (now). Prints req/s, p50 and p99 of the cheap page and of the searches in each case.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { connect } from '../src/db/connect.js'
import { loadHttp, type LoadResult } from './load.js'
import { benchDemoDatabase } from './demo-database.js'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '32' },
    searches: { type: 'string', default: '4' },
  },
})
const seconds = Number(args.seconds)
const concurrency = Number(args.concurrency)
const searchConcurrency = Number(args.searches)

const path = await benchDemoDatabase(Number(args.scale))
const probe = await connect(`sqlite:${path}`)
const { rows } = await sql<{ id: unknown }>`select id from orders order by id limit 1 offset 1000`.execute(probe.db)
await probe.close()
const cheap = `/main/orders/row/${String(rows[0]?.id)}`
// Substrings no index serves: every search reads the whole table.
const searches = ['/main/customers/?q=zq', '/main/orders/?q=zq', '/search?q=zq']

const report: { mode: string; cheap: LoadResult; search: LoadResult }[] = []
for (const mode of ['main thread (before)', 'worker processes (after)']) {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/search-stall-server.ts',
      '--db',
      path,
      '--port',
      String(port),
      ...(mode.startsWith('main') ? ['--main-thread'] : []),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(base)
    await loadHttp([base + cheap], concurrency, 1) // warm-up
    await loadHttp(
      searches.map((s) => base + s),
      1,
      1,
    )
    const alone = await loadHttp([base + cheap], concurrency, seconds)
    const searchesAlone = await loadHttp(
      searches.map((s) => base + s),
      searchConcurrency,
      seconds,
    )
    report.push({ mode: `${mode}, each alone`, cheap: alone, search: searchesAlone })
    const [withSearches, search] = await Promise.all([
      loadHttp([base + cheap], concurrency, seconds),
      loadHttp(
        searches.map((s) => base + s),
        searchConcurrency,
        seconds,
      ),
    ])
    report.push({ mode, cheap: withSearches, search })
  } finally {
    server.kill('SIGTERM')
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`
console.log(`\ncheap page ${cheap} at c=${concurrency}; searches ${searches.join(' ')} at c=${searchConcurrency}`)
console.log(
  '| searches | cheap req/s | cheap p50 | cheap p99 | p99/p50 | searches/s | search p50 | search p99 | refused |',
)
console.log('|---|---|---|---|---|---|---|---|---|')
for (const { mode, cheap: c, search: s } of report) {
  console.log(
    `| ${mode} | ${c.rps.toFixed(0)} | ${ms(c.p50)} | ${ms(c.p99)} | ${(c.p99 / c.p50).toFixed(1)} | ` +
      `${s.rps.toFixed(1)} | ${ms(s.p50)} | ${ms(s.p99)} | ${s.errors} |`,
  )
}

async function waitFor(base: string): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    try {
      const response = await fetch(`${base}/`)
      await response.arrayBuffer()
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('the bench server did not answer within a minute')
}
