import type { MiddlewareHandler } from 'hono'

/**
 * `Cache-Control: no-store` unless the route said otherwise: pages hold the database's rows, so no shared
 * cache or back-button copy keeps them after logout. Fingerprinted assets keep their year-long caching.
 */
export function noStore(): MiddlewareHandler {
  return async function noStore(c, next) {
    await next()
    // On the response's own headers: `c.header()` after the body exists would rebuild the response.
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store')
  }
}
