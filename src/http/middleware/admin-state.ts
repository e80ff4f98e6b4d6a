import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { baseRoutePath } from 'hono/route'
import type { AdminContext, AdminEnv } from '../admin-context.js'
import { createUrls, type Urls } from '../urls.js'

export const themeCookie = 'steward-theme'

/**
 * Puts the admin context, this request's URL builder and the theme into Hono variables. Links start
 * with `basePath` (a prefix stripped by an outer framework) plus the path this app is mounted at in a
 * host Hono app (`app.route('/admin', admin)`), so they are right however the admin is embedded.
 */
export function adminState(context: () => Promise<AdminContext>, basePath: string): MiddlewareHandler<AdminEnv> {
  const outer = basePath.replace(/\/+$/, '')
  // The links of each mount path, made once: a host app mounts the admin at one path or a few.
  const urlsByBase = new Map<string, Urls>()
  return async function adminState(c, next) {
    const mount = baseRoutePath(c).replace(/\/+$/, '')
    c.set('admin', await context())
    const base = outer + mount
    let urls = urlsByBase.get(base)
    if (!urls) {
      urls = createUrls(base)
      if (urlsByBase.size < 100) urlsByBase.set(base, urls)
    }
    c.set('urls', urls)
    const theme = getCookie(c, themeCookie)
    c.set('theme', theme === 'light' || theme === 'dark' ? theme : null)
    if (c.get('flash') === undefined) c.set('flash', null)
    if (c.get('csrfToken') === undefined) c.set('csrfToken', null)
    await next()
  }
}
