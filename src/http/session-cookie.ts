import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AdminEnv } from './admin-context.js'
import { isHttps } from './forwarded.js'
import { cookiePath } from './middleware/csrf.js'

export const sessionCookie = 'steward-session'

/** The session token the browser sent, if any. */
export function sessionToken(c: Context<AdminEnv>): string | undefined {
  const token = getCookie(c, sessionCookie)
  return token ? token : undefined
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on another site's
 * posts), limited to the admin's path, Secure over https. No Max-Age: the server ends sessions.
 */
export function setSessionCookie(c: Context<AdminEnv>, token: string): void {
  const trustProxy = c.get('admin').accounts?.trustProxy ?? false
  setCookie(c, sessionCookie, token, {
    path: cookiePath(c),
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, trustProxy),
  })
}

export function clearSessionCookie(c: Context<AdminEnv>): void {
  deleteCookie(c, sessionCookie, { path: cookiePath(c) })
}
