import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { serve } from '@hono/node-server'
import type { BrowserContext, Page } from 'playwright-core'
import { connect } from '../../src/db/connect.js'
import { copySqliteToPostgres } from '../../src/demo/copy-to-postgres.js'
import { createDemoDatabase } from '../../src/demo/create-demo-database.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { createPostgresDb, type TestDb } from '../helpers/test-db.js'

/** The admin over a small demo shop, served over real HTTP on a loopback port. */
export interface DemoServer {
  readonly dialect: 'sqlite' | 'postgres'
  /** `http://127.0.0.1:<port>`, with no trailing slash. */
  readonly base: string
  close(): Promise<void>
}

/**
 * Builds the demo at `scale` in a temp dir (on Postgres: then copies it into a fresh database) and
 * serves `createAdmin` over it in this process, as a host application would.
 */
export async function startDemoServer(
  dialect: 'sqlite' | 'postgres',
  scale = 0.01,
  config?: StewardConfigInput,
  options: { readonly audit?: boolean } = {},
): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-browser-'))
  const path = join(dir, 'demo.db')
  let pgDb: TestDb | undefined
  try {
    await createDemoDatabase(path, { scale })
    let url = `sqlite:${path}`
    if (dialect === 'postgres') {
      const lite = await connect(url)
      const metadata = await lite.dialect.introspect(lite.db)
      await lite.close()
      pgDb = await createPostgresDb()
      await copySqliteToPostgres(path, metadata, pgDb.url)
      url = pgDb.url
    }
    const conn = await connect(url)
    const schema = await conn.dialect.introspect(conn.db)
    const audit = options.audit
      ? { audit: { target: dialect === 'postgres' ? 'steward.audit_log' : join(dir, 'audit.db') } }
      : {}
    const admin = createAdmin({ db: conn.db, schema, checkDrift: false, ...(config ? { config } : {}), ...audit })
    // A plain HTTP/1 server: no createServer option is given.
    const server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
    const { port } = server.address() as AddressInfo
    return {
      dialect,
      base: `http://127.0.0.1:${port}`,
      async close() {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await conn.close()
        await pgDb?.drop()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await pgDb?.drop()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

/**
 * For a `describe` of one journey: a demo server and a fresh page in `browser`, opened before its tests
 * and closed after. The returned object is filled in by the `before` hook.
 */
export function demoPage(
  dialect: 'sqlite' | 'postgres',
  browser: () => { context: BrowserContext },
): { server: DemoServer; page: Page } {
  const state = {} as { server: DemoServer; page: Page }
  before(async () => {
    state.server = await startDemoServer(dialect)
    state.page = await browser().context.newPage()
    state.page.setDefaultTimeout(5_000)
  })
  after(async () => {
    await state.page?.close()
    await state.server?.close()
  })
  return state
}
