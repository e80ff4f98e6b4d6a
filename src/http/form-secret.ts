import { randomBytes } from 'node:crypto'
import type { Logger } from '../logger.js'

let warned = false

/**
 * The key that signs the CSRF and flash cookies: `given`, else the STEWARD_SECRET environment variable, else
 * a random key of this process (said once per process: several instances must share one).
 */
export function formSecret(given: string | undefined, logger: Logger): string {
  // An empty option counts as none, as it always has.
  const secret = given ? given : process.env.STEWARD_SECRET
  if (secret !== undefined) return secret
  if (!warned) {
    warned = true
    logger.warn(
      'steward: STEWARD_SECRET is not set; form cookies are signed with a key of this process only ' +
        '(set it when running several instances)',
    )
  }
  return randomBytes(32).toString('base64url')
}
