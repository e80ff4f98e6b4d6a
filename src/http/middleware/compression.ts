import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib'
import type { Context, MiddlewareHandler } from 'hono'

export type Encoding = 'br' | 'gzip'

// Text Steward renders whole. CSV exports stream row batches as the client takes them, so they are left
// alone: compressing them here would hold the whole file in memory first.
const compressible = /^(text\/(html|plain|css|javascript)|application\/json)\b/i
const varies = /(^|,)\s*(accept-encoding|\*)\s*(,|$)/i

const brotliOptions = (body: Uint8Array) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
})
const gzipOptions = { level: 1 }

// Pages are compressed per request, so the cheapest setting that still shrinks them most of the way: on the shop's
// orders list (48 KB) brotli quality 1 takes 0.18 ms for 8.5 KB, quality 4 0.72 ms for 7.1 KB; gzip level 1 0.20 ms
// for 8.8 KB, its default 0.48 ms for 7.5 KB (each timed over 500 runs in one process). The server's CPU is the
// scarcer of the two.
// A page up to `inlineBytes` is compressed right here, on the main thread: less than handing it to zlib's thread
// pool and back costs in memory. Each pool thread allocates from a malloc arena of its own, which keeps what a
// burst of 32 compressions freed: ~15 MB of RSS that stayed after load. A bigger body goes to the pool, so that
// one large page never holds up every other request.
const inlineBytes = 256 * 1024

/** `body` compressed: on the main thread up to `inlineBytes`, else in zlib's thread pool. */
export function encodeBody(encoding: Encoding, body: Uint8Array): Uint8Array | Promise<Uint8Array> {
  if (encoding === 'br') {
    return body.byteLength <= inlineBytes
      ? brotliCompressSync(body, brotliOptions(body))
      : promisify(brotliCompress)(body, brotliOptions(body))
  }
  return body.byteLength <= inlineBytes ? gzipSync(body, gzipOptions) : promisify(gzip)(body, gzipOptions)
}

/** Below this many bytes a body is sent as it is. */
export const compressFrom = 1024

/**
 * A page rendered here, compressed as the request allows, without the middleware's round trip through a `Response`
 * (reading a body back out of one cost more than compressing it, issue 9). Sets `encoded` so that the middleware
 * leaves the answer alone.
 */
export function htmlResponse(c: Context, html: string, status: number): Response | Promise<Response> {
  c.set('encoded', true)
  const headers = { 'Content-Type': 'text/html; charset=UTF-8', Vary: 'Accept-Encoding' }
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
  // Bytes, not the string: the server would count the string's UTF-8 length, then encode it, two passes over
  // a page of tens of kilobytes.
  const bytes = Buffer.from(html)
  if (!encoding || bytes.byteLength < compressFrom) return c.body(bytes, status as 200, headers)
  const send = (encodedBytes: Uint8Array) =>
    c.body(encodedBytes as Uint8Array<ArrayBuffer>, status as 200, { ...headers, 'Content-Encoding': encoding })
  const encoded = encodeBody(encoding, bytes)
  return encoded instanceof Promise ? encoded.then(send) : send(encoded)
}

/**
 * Compresses HTML, JSON and plain-text responses of at least `threshold` bytes with brotli or gzip, as the
 * request's Accept-Encoding allows (a big body in zlib's thread pool). Every compressible response says
 * `Vary: Accept-Encoding`, compressed or not. A response that already has an encoding (the precompressed
 * stylesheet) is left as it is.
 */
export function compression(threshold = compressFrom): MiddlewareHandler {
  return async function compression(c, next) {
    await next()
    if (c.get('encoded')) return
    const res = c.res
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 206 || res.status === 304) return
    if (!compressible.test(res.headers.get('Content-Type') ?? '') || res.headers.has('Content-Encoding')) return
    // Headers set on the response itself, not with `c.header()`, which would rebuild the response.
    addVary(res.headers)
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    const body = new Uint8Array(await res.arrayBuffer())
    const small = body.byteLength < threshold
    const sent = small ? body : new Uint8Array(await encodeBody(encoding, body))
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
