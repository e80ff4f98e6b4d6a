import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Hono } from 'hono'
import type { AdminEnv } from '../admin-context.js'
import { chooseEncoding } from '../middleware/compression.js'

const types: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
}

/** A file as read, and compressed once at the strongest settings (the work is done once per process). */
interface Variants {
  readonly identity: Uint8Array<ArrayBuffer>
  readonly br: Uint8Array<ArrayBuffer>
  readonly gzip: Uint8Array<ArrayBuffer>
}

// By path: the names carry a hash of the content, so an entry can never go stale, and every admin of the
// process shares it.
const loaded = new Map<string, Promise<Variants>>()

async function variantsOf(path: string): Promise<Variants> {
  const identity = new Uint8Array(await readFile(path))
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(identity, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }),
    promisify(gzip)(identity, { level: constants.Z_BEST_COMPRESSION }),
  ])
  return { identity, br: new Uint8Array(br), gzip: new Uint8Array(gz) }
}

/**
 * Serves only the fingerprinted files named in the manifest; their names change with their content. Each is
 * compressed once, on its first request, and sent brotli, gzip or plain by the request's Accept-Encoding.
 */
export function registerStaticRoute(app: Hono<AdminEnv>): void {
  app.get('/static/:file', async (c, next) => {
    const { assets } = c.get('admin')
    const file = c.req.param('file')
    // Anything else may be a table in a schema named "static": let the table routes have it.
    if (file !== assets.css && file !== assets.js) return next()
    const path = join(assets.dir, file)
    let variants = loaded.get(path)
    if (!variants) {
      variants = variantsOf(path)
      loaded.set(path, variants)
      // A failed read is not kept: the next request tries again.
      variants.catch(() => loaded.delete(path))
    }
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    return c.body((await variants)[encoding ?? 'identity'], 200, {
      'Content-Type': types[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    })
  })
}
