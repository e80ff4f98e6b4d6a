import { timingSafeEqual, randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'
import { isFormEncoded, readFormData } from '../form-request.js'

export const csrfCookie = 'steward-csrf'
export const csrfField = '_csrf'
export const csrfHeader = 'x-csrf-token'

export interface CsrfOptions {
  /** Signs the token cookie, so a cookie planted from a sibling subdomain is refused. Same on every instance. */
  readonly secret: string
  /** Origins allowed to post besides the request's own (e.g. behind a proxy that rewrites the host). */
  readonly origin?: string | readonly string[]
}

const unsafe = /^(POST|PUT|PATCH|DELETE)$/

/**
 * CSRF protection on every unsafe request, two ways at once: an origin check (Origin or Sec-Fetch-Site
 * must be this site), and a double-submit token: a random value in a signed, HttpOnly
 * cookie that every form repeats in `_csrf` (or a script in `x-csrf-token`). Stateless: nothing is kept
 * on the server. Every request gets the token in `csrfToken` for the forms it renders; an HTML page sets the cookie.
 */
export function csrfProtection(options: CsrfOptions): MiddlewareHandler<AdminEnv> {
  const extra = typeof options.origin === 'string' ? [options.origin] : [...(options.origin ?? [])]
  const sameSite = (c: Context<AdminEnv>) => {
    // Hono's csrf() looks only at form content types; this admin asks of every unsafe request, whatever it
    // sends: the Origin must be this site's (or, without one, Sec-Fetch-Site must say same-origin).
    const origin = c.req.header('origin')
    if (origin !== undefined) return origin === new URL(c.req.url).origin || extra.includes(origin)
    return c.req.header('sec-fetch-site') === 'same-origin'
  }
  return async function csrfProtection(c, next) {
    const cookie = await getSignedCookie(c, options.secret, csrfCookie)
    let token = typeof cookie === 'string' && cookie !== '' ? cookie : undefined
    if (unsafe.test(c.req.method)) {
      if (!sameSite(c)) throw refused('it did not come from a page of this site')
      const sent = c.req.header(csrfHeader) ?? (await submittedToken(c))
      if (!token || !sent || !same(sent, token))
        throw refused('the form is out of date or was opened in another session')
    }
    const fresh = !token
    token ??= randomBytes(24).toString('base64url')
    c.set('csrfToken', token)
    await next()
    // Only pages carry forms; a cookie on a long-cached stylesheet response would be wrong.
    if (fresh && (c.res.headers.get('content-type') ?? '').startsWith('text/html')) {
      await setSignedCookie(c, csrfCookie, token, options.secret, {
        path: cookiePath(c),
        httpOnly: true,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:',
      })
    }
  }
}

async function submittedToken(c: Context<AdminEnv>): Promise<string | undefined> {
  if (!isFormEncoded(c.req.header('content-type'))) return undefined
  const value = (await readFormData(c)).get(csrfField)
  return typeof value === 'string' ? value : undefined
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function refused(why: string): HttpError {
  return new HttpError(
    403,
    'Request refused',
    `This request was refused because ${why}. Go back, reload the page and try again.`,
  )
}

/** The admin's own path, so the cookie is not sent to the rest of a host application. */
export function cookiePath(c: Context<AdminEnv>): string {
  const base = c.get('urls')?.base ?? ''
  return base === '' ? '/' : base
}
