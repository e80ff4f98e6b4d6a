import type { AdminContext } from './admin-context.js'
import { tooManyExpensive } from './errors.js'

/**
 * Takes one of the process's permits for an expensive statement (a search, an export), or refuses the
 * request with a 503 at once: queueing would only hold a connection that cheap pages need. Returns
 * the release, safe to call more than once (an export releases on end, error or cancel).
 */
export function takeExpensive(admin: Pick<AdminContext, 'expensive'>): () => void {
  if (!admin.expensive.tryTake()) throw tooManyExpensive
  let released = false
  return () => {
    if (released) return
    released = true
    admin.expensive.give()
  }
}
