import type { MiddlewareHandler } from 'hono'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'
import { isFormEncoded } from '../form-request.js'

const unsafe = /^(POST|PUT|PATCH|DELETE)$/

/**
 * Every write comes from an HTML form, so an unsafe request carrying any other body (JSON, plain text,
 * XML) is refused with 415 before the body is read: no parser is ever asked to treat it as a form.
 * A request without a body passes; the route then finds an empty or missing form.
 */
export function formBodiesOnly(): MiddlewareHandler<AdminEnv> {
  return async function formBodiesOnly(c, next) {
    if (!unsafe.test(c.req.method)) return next()
    const type = c.req.header('content-type')
    const length = c.req.header('content-length')
    const hasBody = type !== undefined || c.req.header('transfer-encoding') !== undefined || (length ?? '0') !== '0'
    if (hasBody && !isFormEncoded(type)) {
      throw new HttpError(
        415,
        'Unsupported form encoding',
        `This admin accepts only HTML form submissions (application/x-www-form-urlencoded or multipart/form-data), not ${type ? `"${(type.split(';')[0] ?? '').trim().slice(0, 80)}"` : 'a body without a content type'}. Nothing was saved.`,
      )
    }
    await next()
  }
}
