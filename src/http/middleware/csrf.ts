import { timingSafeEqual, randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { formControl } from '../../forms/form-body.js'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'
import { isFormEncoded, readFormData } from '../form-request.js'
import { readSignedCookie, writeSignedCookie } from '../signed-cookie.js'

export const csrfCookie = 'steward-csrf'
/** The form field every form repeats the token in. */
export const csrfField = formControl.csrf
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
 * on the server. Every request gets the token in `csrfToken` for the forms it renders; a request without
 * a valid cookie gets a new one, once per browser.
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
    const cookie = readSignedCookie(c, options.secret, csrfCookie)
    const held = cookie !== '' ? cookie : undefined
    if (unsafe.test(c.req.method)) {
      if (!sameSite(c)) throw refused('it did not come from a page of this site')
      const sent = c.req.header(csrfHeader) ?? (await submittedToken(c))
      if (!held || !sent || !same(sent, held)) throw refused('the form is out of date or was opened in another session')
    }
    // Set before the route runs: a header added once the body exists makes the node adapter rebuild the
    // response and copy the page a second time (12–15 % of a page's CPU at 32 concurrent requests).
    c.set('csrfToken', held ?? issueToken(c, options.secret))
    await next()
  }
}

/** A new token in its cookie. The stylesheet and script are served before this middleware, so never carry one. */
function issueToken(c: Context<AdminEnv>, secret: string): string {
  const token = randomBytes(24).toString('base64url')
  writeSignedCookie(c, csrfCookie, token, secret, {
    path: cookiePath(c),
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
  })
  return token
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
