import type { Context } from 'hono'
import type { AdminEnv } from './admin-context.js'

/**
 * The request's path inside the admin (`/login`, `/main/orders/`), whatever it is mounted under.
 * `urls.base` carries an outer framework's stripped prefix (`basePath`), which the request's URL lacks.
 */
export function pathInAdmin(c: Context<AdminEnv>, basePath: string): string {
  const mount = c.get('urls').base.slice(basePath.replace(/\/+$/, '').length)
  // The URL's own path: with non-strict routing `c.req.path` has lost a trailing slash.
  return new URL(c.req.url).pathname.slice(mount.length) || '/'
}

/**
 * `next` if it is a path of this admin (`/admin/main/orders/?q=x`), else the admin's index: a login
 * link must not send anyone to another site (an open redirect) or back to the login page.
 */
export function safeNext(next: string | undefined, base: string): string {
  const home = `${base}/`
  // `//host` and `/\\host` are other sites to a browser; control characters are never needed.
  if (!next || !next.startsWith('/') || /^.[/\\]|[\\\u0000-\u001f\u007f]/.test(next)) return home
  const probe = 'http://steward.invalid'
  let url: URL
  try {
    url = new URL(next, probe)
  } catch {
    return home
  }
  if (url.origin !== probe) return home
  if (url.pathname !== base && !url.pathname.startsWith(home)) return home
  const rest = url.pathname.slice(base.length)
  if (rest === '/login' || rest === '/logout') return home
  return url.pathname + url.search
}
