import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'

export type Encoding = 'br' | 'gzip'

// Text Steward renders whole. CSV exports stream row batches as the client takes them, so they are left
// alone: compressing them here would hold the whole file in memory first.
const compressible = /^(text\/(html|plain|css|javascript)|application\/json)\b/i
const varies = /(^|,)\s*(accept-encoding|\*)\s*(,|$)/i

const brotliOptions = (body: Uint8Array) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
})

// Pages are compressed per request. On the demo's orders list (54 KB) quality 4 of 11 costs what gzip's default
// does (~0.5 ms) and is 7 % smaller; quality 5 is 8 % smaller again but costs twice as much.
// A page up to `inlineBytes` is compressed right here, on the main thread: half a millisecond, less than handing it
// to zlib's thread pool and back costs in memory. Each pool thread allocates from a malloc arena of its own,
// which keeps what a burst of 32 compressions freed: ~15 MB of RSS that stayed after load. A bigger body goes to
// the pool, so that one large page never holds up every other request.
const inlineBytes = 256 * 1024
const compressors: Readonly<Record<Encoding, (body: Uint8Array) => Promise<Uint8Array>>> = {
  br: async (body) =>
    body.byteLength <= inlineBytes
      ? brotliCompressSync(body, brotliOptions(body))
      : promisify(brotliCompress)(body, brotliOptions(body)),
  gzip: async (body) => (body.byteLength <= inlineBytes ? gzipSync(body) : promisify(gzip)(body)),
}

/**
 * Compresses HTML, JSON and plain-text responses of at least `threshold` bytes with brotli or gzip, as the
 * request's Accept-Encoding allows (a big body in zlib's thread pool). Every compressible response says
 * `Vary: Accept-Encoding`, compressed or not. A response that already has an encoding (the precompressed
 * stylesheet) is left as it is.
 */
export function compression(threshold = 1024): MiddlewareHandler {
  return async function compression(c, next) {
    await next()
    const res = c.res
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 206 || res.status === 304) return
    if (!compressible.test(res.headers.get('Content-Type') ?? '') || res.headers.has('Content-Encoding')) return
    // Headers set on the response itself, not with `c.header()`, which would rebuild the response.
    addVary(res.headers)
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    const body = new Uint8Array(await res.arrayBuffer())
    const small = body.byteLength < threshold
    const sent = small ? body : new Uint8Array(await compressors[encoding](body))
    c.res = new Response(sent, { status: res.status, headers: res.headers })
    if (small) return
    c.res.headers.set('Content-Encoding', encoding)
    c.res.headers.delete('Content-Length')
  }
}

/** Adds `Accept-Encoding` to `Vary` unless it is there already. */
export function addVary(headers: Headers): void {
  const current = headers.get('Vary')
  if (!current) headers.set('Vary', 'Accept-Encoding')
  else if (!varies.test(current)) headers.set('Vary', `${current}, Accept-Encoding`)
}

/**
 * The encoding to answer an Accept-Encoding header with: the one with the higher q of brotli and gzip (brotli
 * on a tie, being smaller), or null when the client accepts neither (q=0, or not named and no `*`).
 */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null
  const q: Partial<Record<string, number>> = {}
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((text) => text.trim().toLowerCase())
    const weight = params.find((param) => param.startsWith('q='))
    const value = weight === undefined ? 1 : Number(weight.slice(2))
    if (name !== '') q[name] = Number.isFinite(value) ? value : 0
  }
  const br = q.br ?? q['*'] ?? 0
  const gz = q.gzip ?? q['x-gzip'] ?? q['*'] ?? 0
  if (br <= 0 && gz <= 0) return null
  return br >= gz ? 'br' : 'gzip'
}
