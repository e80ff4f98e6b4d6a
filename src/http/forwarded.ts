import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

/**
 * Whether the browser reached us over https. Behind a TLS-terminating proxy the request arrives as
 * http, so `X-Forwarded-Proto` is believed, but only when the operator says a proxy sets it: anyone
 * can send the header.
 */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
    if (forwarded) return forwarded === 'https'
  }
  return new URL(c.req.url).protocol === 'https:'
}

/**
 * The client's address, for login throttling: the socket's peer, or with `trustProxy` the last hop of
 * `X-Forwarded-For` (the one our proxy appended; earlier entries are whatever the client wrote).
 * Null when neither is known (an in-process `app.request()`, another runtime).
 */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim()
    if (last) return last
  }
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null
  }
}
