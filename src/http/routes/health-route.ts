import type { Hono } from 'hono'
import { sql, type Kysely } from 'kysely'
import type { AdminEnv } from '../admin-context.js'

const healthTimeoutMs = 2_000

/**
 * `GET /healthz` for load balancers: 200 `ok` when `select 1` answers within two seconds, else 503.
 * Registered before the admin's own middleware, so it renders no layout and waits for no start-up check.
 */
export function registerHealthRoute(app: Hono<AdminEnv>, db: Kysely<any>): void {
  app.get('/healthz', async function healthz(c) {
    c.header('Cache-Control', 'no-store')
    return (await answers(db)) ? c.text('ok') : c.text('unavailable', 503)
  })
}

async function answers(db: Kysely<any>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), healthTimeoutMs)
  })
  const query = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  )
  try {
    return await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}
