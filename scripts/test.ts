// `npm test`: makes sure Chromium and PgBouncer are there, starts a throwaway PostgreSQL server (unless
// STEWARD_TEST_PG_URL or DATABASE_URL names one), runs every test file with node's test runner, stops the server.
// `npm test -- <part of a path>…` runs the matching files. `npm test -- --coverage` (or STEWARD_TEST_COVERAGE=1)
// adds node's coverage report and the figures for src/ as a whole; it is opt-in because it costs a third more CPU.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startPgServer, type PgServer } from '../test/helpers/pg-server.js'
import { chromiumPath } from '../test/helpers/chromium-path.js'
import { pgBouncerPath } from '../test/helpers/pgbouncer.js'

/** Debian packages the tests drive for real: Chromium for the pages, PgBouncer in front of Postgres. */
function ensureDebianPackages(): void {
  const missing = [...(chromiumPath() ? [] : ['chromium']), ...(existsSync(pgBouncerPath) ? [] : ['pgbouncer'])]
  if (missing.length === 0) return
  if (process.getuid?.() !== 0) {
    console.error(
      `npm test needs Debian packages: run \`sudo apt-get install -y ${missing.join(' ')}\` (or set CHROMIUM_PATH).`,
    )
    process.exit(1)
  }
  console.log(`Installing Debian ${missing.join(' and ')} for the tests (apt-get install ${missing.join(' ')})…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  })
  if (update.status !== 0 || install.status !== 0 || !chromiumPath() || !existsSync(pgBouncerPath)) {
    console.error(
      `Could not install ${missing.join(' and ')} with apt-get: install the Debian packages and run npm test again.`,
    )
    process.exit(1)
  }
}

function testFiles(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) found.push(...testFiles(path))
    else if (/\.test\.tsx?$/.test(entry)) found.push(path)
  }
  return found
}

const args = process.argv.slice(2)
const coverage = args.includes('--coverage') || process.env.STEWARD_TEST_COVERAGE === '1'
const filter = args.filter((arg) => arg !== '--coverage')
const files = testFiles('test').filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
if (files.length === 0) {
  console.error('no test files found')
  process.exit(1)
}
ensureDebianPackages()

let server: PgServer | undefined
const env = { ...process.env }
if (!env.STEWARD_TEST_PG_URL) {
  if (env.DATABASE_URL) env.STEWARD_TEST_PG_URL = env.DATABASE_URL
  else {
    server = await startPgServer()
    env.STEWARD_TEST_PG_URL = server.url
  }
}
// The pages are tested with the assets built from the views as they are now, never a stale build.
if (spawnSync(process.execPath, ['scripts/build-css.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1)

const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout']
if (coverage) {
  reporters.push('--experimental-test-coverage', '--test-reporter=./test/helpers/coverage-summary.mjs')
  reporters.push('--test-reporter-destination=stdout')
}
const child = spawn(process.execPath, ['--import', 'tsx', '--test', ...reporters, '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env,
})
const stop = async () => {
  await server?.stop()
}
process.on('SIGINT', () => child.kill('SIGINT'))
child.on('exit', async (code, signal) => {
  await stop()
  process.exit(code ?? (signal ? 1 : 0))
})
