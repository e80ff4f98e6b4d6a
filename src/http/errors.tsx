import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AdminEnv } from './admin-context.js'
import { renderPage } from './render-page.js'
import { ErrorPage } from '../../views/pages/error-page.js'

/** An expected failure that becomes a page: 400 with the list of problems, 404, a database timeout… */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503,
    readonly title: string,
    message: string,
    readonly problems: readonly string[] = [],
    /** Where to go from the error page instead of the index, e.g. the list without its bad parameters. */
    readonly back?: { readonly href: string; readonly label: string },
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new HttpError(404, 'Not found', what)

/**
 * The one error handler: expected failures render in the layout with their status; anything else is
 * logged and shown as a plain 500 page. Never a stack trace or a driver's message in the HTML.
 */
export async function handleError(error: Error, c: Context<AdminEnv>): Promise<Response> {
  if (error instanceof HTTPException && !(error instanceof HttpError)) return error.getResponse()
  const known = error instanceof HttpError ? error : undefined
  if (!known) console.error('steward: unexpected error', error)
  const status = known?.status ?? 500
  const title = known?.title ?? 'Something went wrong'
  const message = known?.message ?? 'The page could not be shown because of an unexpected error. It has been logged.'
  if (!c.get('admin')) return c.text(`${title}: ${message}`, status)
  const urls = c.get('urls')
  return renderPage(
    c,
    { title, crumbs: [{ label: 'Home', href: urls.index() }, { label: title }] },
    <ErrorPage
      model={{
        status,
        message,
        problems: known?.problems ?? [],
        backHref: known?.back?.href ?? urls.index(),
        backLabel: known?.back?.label ?? 'Back to all tables',
      }}
    />,
    status,
  )
}
