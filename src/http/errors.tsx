import type { Context, ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { DatabaseError, isTransient } from '../db/database-error.js'
import type { Logger } from '../logger.js'
import { ScopeFailed } from '../records/scoped-from.js'
import type { AdminEnv } from './admin-context.js'
import { renderPage } from './render-page.js'
import { ErrorPage } from '../../views/pages/error-page.js'

/** An expected failure that becomes a page: 400 with the list of problems, 404, a database timeout… */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 415 | 421 | 429 | 500 | 503,
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

/** A 503 that tells clients (and load balancers) when to ask again. */
export class ServiceUnavailable extends HttpError {
  override name = 'ServiceUnavailable'
  constructor(
    title: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, title, message)
  }
}

const faultPages: Readonly<Record<'unavailable' | 'busy', ServiceUnavailable>> = {
  unavailable: new ServiceUnavailable(
    'Database unavailable',
    'The database cannot be reached at the moment, so this page cannot be shown. Steward reconnects by itself: try again in a few seconds.',
    5,
  ),
  busy: new ServiceUnavailable(
    'Database busy',
    'The database is too busy to answer at the moment. Try again in a few seconds.',
    2,
  ),
}

/** The 503 page for a database that cannot be reached or is busy; undefined for any other error. */
export function databaseFault(error: DatabaseError | undefined): ServiceUnavailable | undefined {
  return error && isTransient(error) ? faultPages[error.code as 'unavailable' | 'busy'] : undefined
}

/** Too many expensive statements (searches, exports) are running: refused at once rather than queued. */
export const tooManyExpensive = new ServiceUnavailable(
  'Busy, try again',
  'Too many searches and exports are running at the moment. Try again in a few seconds; pages without a search still work.',
  2,
)

/**
 * The last line of defence when a value from the request passed Steward's own parsing but the database still
 * refused it (a type Steward has no grammar for): the request was bad, so a 400 — the driver's text to the log only.
 */
export function valueRefused(cause: unknown, logger: Logger): HttpError {
  logger.error('steward: the database refused a value from the request:', cause)
  return new HttpError(
    400,
    'Value not accepted',
    'A value in this request is not one the database accepts for its column. Nothing was changed.',
  )
}

/**
 * A table's row scope threw: which rows this user may see cannot be decided, so none are shown (a 403 page
 * rather than a crash); the cause goes to the log for whoever wrote the scope.
 */
export function scopeRefused(error: ScopeFailed, logger: Logger): HttpError {
  logger.error(`steward: ${error.message}:`, error.cause)
  return new HttpError(
    403,
    'Rows not available',
    `Which rows of ${error.resource.label} you may see could not be decided, so none are shown. The details are in the server log.`,
  )
}

/**
 * The one error handler: expected failures render in the layout with their status; anything else is
 * logged and shown as a plain 500 page. Never a stack trace or a driver's message in the HTML.
 */
export function handleErrors(logger: Logger): ErrorHandler<AdminEnv> {
  return (error, c) => handleError(error, c, logger)
}

async function handleError(error: Error, c: Context<AdminEnv>, logger: Logger): Promise<Response> {
  if (error instanceof HTTPException && !(error instanceof HttpError)) return error.getResponse()
  if (error instanceof ScopeFailed) error = scopeRefused(error, logger)
  const mapped = error instanceof HttpError ? undefined : c.get('admin')?.dialect.mapError(error)
  if (mapped?.code === 'invalid_value') error = valueRefused(error, logger)
  const known = error instanceof HttpError ? error : faultOf(error, c)
  if (!known) logger.error('steward: unexpected error', error)
  if (known instanceof ServiceUnavailable) c.header('Retry-After', String(known.retryAfterSeconds))
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

/** A driver error that says the database is down or busy, from wherever it escaped: a 503, not a 500. */
function faultOf(error: Error, c: Context<AdminEnv>): ServiceUnavailable | undefined {
  const mapped = error instanceof DatabaseError ? error : c.get('admin')?.dialect.mapError(error)
  return databaseFault(mapped)
}
