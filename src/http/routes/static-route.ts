import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Hono } from 'hono'
import type { AdminEnv } from '../admin-context.js'

const types: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
}

/** Serves only the fingerprinted files named in the manifest; their names change with their content. */
export function registerStaticRoute(app: Hono<AdminEnv>): void {
  const cache = new Map<string, Buffer>()
  app.get('/static/:file', async (c, next) => {
    const { assets } = c.get('admin')
    const file = c.req.param('file')
    // Anything else may be a table in a schema named "static": let the table routes have it.
    if (file !== assets.css && file !== assets.js) return next()
    let body = cache.get(file)
    if (!body) {
      body = await readFile(join(assets.dir, file))
      cache.set(file, body)
    }
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': types[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
    })
  })
}
