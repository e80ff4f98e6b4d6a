import type { AdminContext } from './admin-context.js'
import { tooManyExpensive } from './errors.js'

/**
 * How long a search or export waits for a permit before it is refused (config `expensiveWaitMs`): a burst of
 * searches is served one after another, as a user would wait a moment, but never queues for long (as the
 * pool's own wait, ~1 s).
 */
export const defaultExpensiveWaitMs = 1_000

/**
 * Takes one of the process's permits for an expensive statement (a search, an export), waiting at most
 * the config's `expensiveWaitMs` (1 s) for one, else refuses the request with a readable 503: an unbounded queue would only grow
 * behind work that may take minutes. Cheap pages never wait for a permit. Returns the release, safe to call
 * more than once (an export releases on end, error or cancel).
 */
export async function takeExpensive(admin: Pick<AdminContext, 'expensive' | 'config'>): Promise<() => void> {
  if (!(await admin.expensive.take(admin.config.expensiveWaitMs ?? defaultExpensiveWaitMs))) throw tooManyExpensive
  let released = false
  return () => {
    if (released) return
    released = true
    admin.expensive.give()
  }
}
