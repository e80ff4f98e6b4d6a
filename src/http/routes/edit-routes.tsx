import { randomBytes } from 'node:crypto'
import type { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'
import { csrfProtection } from '../middleware/csrf.js'
import { flashMessages } from '../middleware/flash.js'
import { formBodiesOnly } from '../middleware/form-bodies-only.js'
import { postBulkDelete, postDelete, showDelete } from './delete-routes.js'
import { lookupHandler } from './lookup-route.js'
import { postCreate, postEdit, showCreate, showEdit } from './record-form-routes.js'

export interface EditRouteOptions {
  /**
   * Signs the CSRF and flash cookies. Must be the same on every instance behind a load balancer;
   * defaults to the STEWARD_SECRET environment variable, else a random key for this process.
   */
  readonly secret?: string
  /** Origins allowed to post besides the request's own (a proxy that rewrites the host). */
  readonly origin?: string | readonly string[]
  /** The largest form accepted, uploads included (default 32 MiB). */
  readonly maxBodyBytes?: number
}

let warned = false

/**
 * The write half: create and edit forms, delete with its preview, bulk delete from a list, the
 * foreign-key lookup, and the CSRF and flash middleware they rely on. Register it before the read
 * routes, so that their pages show flash messages and carry the CSRF token too.
 */
export function registerEditRoutes(app: Hono<AdminEnv>, options: EditRouteOptions = {}): void {
  const secret = options.secret ?? process.env.STEWARD_SECRET ?? ephemeralSecret()
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 32 * 1024 * 1024,
      onError: () => {
        throw new HttpError(400, 'Too large', 'The form was larger than this admin accepts; nothing was saved.')
      },
    }),
  )
  app.use('*', formBodiesOnly())
  app.use('*', csrfProtection({ secret, ...(options.origin ? { origin: options.origin } : {}) }))
  app.use('*', flashMessages(secret))
  app.get('/:schema/:table/new', (c) => showCreate(c))
  app.post('/:schema/:table/new', (c) => postCreate(c, secret))
  app.get('/:schema/:table/row/:key/edit', (c) => showEdit(c))
  app.post('/:schema/:table/row/:key/edit', (c) => postEdit(c, secret))
  app.get('/:schema/:table/row/:key/delete', showDelete)
  app.post('/:schema/:table/row/:key/delete', (c) => postDelete(c, secret))
  app.post('/:schema/:table/delete', (c) => postBulkDelete(c, secret))
  app.get('/:schema/:table/lookup', lookupHandler)
}

function ephemeralSecret(): string {
  if (!warned) {
    warned = true
    console.warn(
      'steward: STEWARD_SECRET is not set; form cookies are signed with a key of this process only ' +
        '(set it when running several instances)',
    )
  }
  return randomBytes(32).toString('base64url')
}
