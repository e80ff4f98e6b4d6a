import type { MiddlewareHandler } from 'hono'
import { anonymous } from '../../auth/permissions.js'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'

/**
 * Sets who is asking (`principal`) before any route runs, from the embedding app's identity hook; without
 * a hook the host's own auth guards the mount and the user is `anonymous`, who may do everything. A hook
 * that names nobody gets a 401 page for everything but the stylesheet and scripts that page needs.
 */
export function identify(): MiddlewareHandler<AdminEnv> {
  return async function identify(c, next) {
    const { identity } = c.get('admin')
    const who = identity ? await identity(c) : anonymous
    c.set('principal', who)
    if (!who && !c.req.path.startsWith(`${c.get('urls').base}/static/`))
      throw new HttpError(
        401,
        'Not signed in',
        'This admin does not know who you are. Sign in to the application that hosts it, then come back.',
      )
    await next()
  }
}
