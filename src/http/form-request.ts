import type { Context } from 'hono'
import type { AdminEnv } from './admin-context.js'
import { HttpError } from './errors.js'

/** The two encodings an HTML form posts; Steward reads no other body. */
const formEncoding = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i

export function isFormEncoded(contentType: string | undefined): boolean {
  return formEncoding.test(contentType ?? '')
}

/**
 * The request's form, or a 400 page when the body cannot be read as one (a multipart field name with
 * a `"`, a broken boundary, a truncated body): the platform's parser throws a TypeError for those, which
 * would otherwise be an unexpected 500. Hono caches the parse, so the CSRF check and the route share it.
 */
export async function readFormData(c: Context<AdminEnv>): Promise<FormData> {
  if (!isFormEncoded(c.req.header('content-type'))) throw malformed()
  try {
    return await c.req.formData()
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw malformed()
  }
}

function malformed(): HttpError {
  return new HttpError(
    400,
    'Malformed form',
    'The submitted form could not be read (its encoding is damaged or incomplete). Nothing was saved; go back, reload the page and try again.',
  )
}
