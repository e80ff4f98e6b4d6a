import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HttpError } from '../errors.js'

/** The largest form accepted, uploads included. */
export const defaultMaxBodyBytes = 32 * 1024 * 1024

/**
 * Hono's `bodyLimit`, answering an oversized form with Steward's own 400 page. A GET or HEAD is let through
 * without it: asking for its body makes the node adapter build a whole Fetch `Request` on every page view.
 */
export function formBodyLimit(maxSize = defaultMaxBodyBytes): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(400, 'Too large', 'The form was larger than this admin accepts; nothing was saved.')
    },
  })
  return function formBodyLimit(c, next) {
    return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next)
  }
}
