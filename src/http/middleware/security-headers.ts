import type { MiddlewareHandler } from 'hono'

// No inline script or style anywhere: the stylesheet and the small script are files from 'self'.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ')

/** Strict headers on every admin response (no caching unless a route says so); a host app's own values are kept. */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next()
    const headers = c.res.headers
    const set = (name: string, value: string) => {
      if (!headers.has(name)) headers.set(name, value)
    }
    set('Content-Security-Policy', contentSecurityPolicy)
    set('X-Content-Type-Options', 'nosniff')
    set('Referrer-Policy', 'same-origin')
    set('X-Frame-Options', 'SAMEORIGIN')
    set('Cross-Origin-Opener-Policy', 'same-origin')
    // Pages hold the database's rows: no shared cache or back-button copy keeps them after logout.
    // Fingerprinted assets say otherwise themselves and keep their long-lived caching.
    set('Cache-Control', 'no-store')
  }
}
