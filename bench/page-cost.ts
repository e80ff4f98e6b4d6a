// `node --import tsx bench/page-cost.ts`: what one page costs Steward in process (`app.request()`, no HTTP)
// beside the bare driver running the same statements, measured alternately in the same run. Prints the
// statements each page runs. Run it under `node --cpu-prof` to see where the time goes.
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sql, type LogEvent } from 'kysely'
import pg from 'pg'
import { connect } from '../src/db/connect.js'
import { createAdmin } from '../src/http/create-admin.js'
import { postgresRunner, sqliteRunner, type CapturedQuery } from './raw-baseline.js'
import { scenarios } from './scenarios.js'
import { benchDemoDatabase, copyDemoToPostgres } from './demo-database.js'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    rounds: { type: 'string', default: '400' },
    dialect: { type: 'string', default: 'sqlite' },
    // A Postgres server to copy the demo database into (a database `page_cost_<scale>` is created once).
    'pg-url': { type: 'string', default: process.env.STEWARD_TEST_PG_URL ?? '' },
    // Page names as in bench/scenarios.ts, or `index`; repeat the option for several.
    page: { type: 'string', multiple: true, default: ['index', 'orders list, page 1'] },
    quiet: { type: 'boolean', default: false },
    // Writes a CPU profile of Steward's requests alone (the same rounds again, no bare driver) into this folder.
    profile: { type: 'string' },
  },
})
const scale = Number(args.scale)
const rounds = Number(args.rounds)

const demoPath = await benchDemoDatabase(scale)
const url = args.dialect === 'postgres' ? await postgresCopy(args['pg-url']) : `sqlite:${demoPath}`

let captured: CapturedQuery[] | null = null
const conn = await connect(url, {
  log: (event: LogEvent) => void captured?.push({ sql: event.query.sql, parameters: event.query.parameters }),
})
const schema = await conn.dialect.introspect(conn.db)
const admin = createAdmin({ db: conn.db, schema, checkDrift: false, secret: 'page-cost-only-secret' })
const wanted = args.page
const pages = [{ name: 'index', path: '/' }, ...(await scenarios(conn.db, schema))].filter((page) =>
  wanted.includes(page.name),
)
const raw = args.dialect === 'postgres' ? postgresRunner(url, 1) : sqliteRunner(demoPath)

for (const page of pages) {
  const request = async () => {
    const response = await admin.request(page.path)
    if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`)
    return response.text()
  }
  await request()
  captured = []
  const html = await request()
  const queries = captured
  captured = null
  console.log(`\n${page.name}: ${queries.length} statements, ${html.length} bytes of HTML`)
  if (!args.quiet) for (const query of queries) console.log(`  ${query.sql.replace(/\s+/g, ' ').slice(0, 150)}`)
  // Alternate the two so that a noisy neighbour slows both alike; the first tenth warms up.
  let steward = 0
  let bare = 0
  const warm = Math.floor(rounds / 10)
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    await request()
    const t1 = performance.now()
    await raw.run(queries)
    const t2 = performance.now()
    if (i >= warm) {
      steward += t1 - t0
      bare += t2 - t1
    }
  }
  const n = rounds - warm
  console.log(
    `  steward ${(steward / n).toFixed(3)} ms, bare driver ${(bare / n).toFixed(3)} ms: ${(steward / bare).toFixed(1)}×`,
  )
  if (args.profile) {
    const session = new Session()
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
    for (let i = 0; i < rounds; i++) await request()
    const { profile } = await session.post('Profiler.stop')
    session.disconnect()
    mkdirSync(args.profile, { recursive: true })
    const file = resolve(args.profile, `${page.name.replace(/\W+/g, '-')}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    console.log(`  profile of ${rounds} requests: ${file}`)
  }
}
await raw.close()
await conn.close()

async function postgresCopy(serverUrl: string): Promise<string> {
  if (!serverUrl) throw new Error('--pg-url (or STEWARD_TEST_PG_URL) names the Postgres server to use')
  const name = `page_cost_${String(scale).replace('.', '_')}`
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount
  if (!exists) await client.query(`create database ${name}`)
  await client.end()
  const target = new URL(serverUrl)
  target.pathname = `/${name}`
  if (!exists) {
    await copyDemoToPostgres(demoPath, target.toString())
    const copy = await connect(target.toString())
    await sql`analyze`.execute(copy.db)
    await copy.close()
  }
  return target.toString()
}
