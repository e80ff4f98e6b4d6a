import type { Hono } from 'hono'
import type { AdminEnv } from '../admin-context.js'
import { registerActionRoutes } from './action-routes.js'
import { postBulkDelete, postDelete, showDelete } from './delete-routes.js'
import { lookupHandler } from './lookup-route.js'
import { postCreate, postEdit, showCreate, showEdit } from './record-form-routes.js'

/**
 * The write half: create and edit forms, delete with its preview, bulk delete from a list, custom actions,
 * and the foreign-key lookup. The CSRF, flash and body-limit middleware they rely on are registered by
 * `createAdmin`; `secret` signs the flash cookie a save sets.
 */
export function registerEditRoutes(app: Hono<AdminEnv>, secret: string): void {
  app.get('/:schema/:table/new', (c) => showCreate(c))
  app.post('/:schema/:table/new', (c) => postCreate(c, secret))
  app.get('/:schema/:table/row/:key/edit', (c) => showEdit(c))
  app.post('/:schema/:table/row/:key/edit', (c) => postEdit(c, secret))
  app.get('/:schema/:table/row/:key/delete', showDelete)
  app.post('/:schema/:table/row/:key/delete', (c) => postDelete(c, secret))
  app.post('/:schema/:table/delete', (c) => postBulkDelete(c, secret))
  app.get('/:schema/:table/lookup', lookupHandler)
  registerActionRoutes(app, secret)
}
