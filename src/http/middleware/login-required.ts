import type { MiddlewareHandler } from 'hono'
import { readSession } from '../../auth/account-store.js'
import { anonymous } from '../../auth/permissions.js'
import type { AdminEnv } from '../admin-context.js'
import { pathInAdmin } from '../admin-path.js'
import { HttpError } from '../errors.js'
import { sessionToken } from '../session-cookie.js'

/**
 * Sets `principal` from the session cookie and turns away requests without a live session: a page
 * (GET/HEAD) redirects to the login form with `next`, anything else is a 401 page before its body is
 * read. The login form, the stylesheet and script, and the health check need no session. Without
 * Steward accounts the embedding app's identity hook says who is asking (nobody: a 401 page), and
 * without a hook every request acts as `anonymous`, who may do everything: the host guards the mount.
 */
export function loginRequired(basePath: string): MiddlewareHandler<AdminEnv> {
  return async function loginRequired(c, next) {
    const { accounts, identity, assets } = c.get('admin')
    const path = pathInAdmin(c, basePath)
    // Fingerprinted assets and the health check serve anyone, without a session lookup.
    const asset =
      (assets.css !== null && path === `/static/${assets.css}`) ||
      (assets.js !== null && path === `/static/${assets.js}`)
    if (!accounts) {
      const who = identity ? await identity(c) : anonymous
      c.set('principal', who)
      if (!who && !asset)
        throw new HttpError(
          401,
          'Not signed in',
          'This admin does not know who you are. Sign in to the application that hosts it, then come back.',
        )
      return next()
    }
    if (asset || path === '/healthz') {
      c.set('principal', null)
      return next()
    }
    const token = sessionToken(c)
    const account = token
      ? await readSession(accounts.db, accounts.store, token, accounts.limits, accounts.now())
      : null
    c.set('principal', account && { id: account.id, name: account.name, roles: account.roles })
    if (account || path === '/login' || path === '/logout') return next()
    const urls = c.get('urls')
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const here = new URL(c.req.url)
      return c.redirect(urls.login(urls.base + path + here.search), 303)
    }
    throw new HttpError(
      401,
      'Log in first',
      'This request needs a logged-in user, and your session has ended or was never started. Nothing was changed. Log in and try again.',
      [],
      { href: urls.login(), label: 'Log in' },
    )
  }
}
