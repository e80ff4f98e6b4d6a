import type { Kysely } from 'kysely'
import type { Principal } from '../auth/permissions.js'
import { Refusal, type TableHooks } from '../resources/behaviour.js'
import type { Resource } from '../resources/resource.js'

type Values = Readonly<Record<string, unknown>>

/**
 * The config's write hooks for one table (see `TableHooks`) and who is writing. `before*` hooks run in
 * this order (the global ones first, then the table's own), `after*` hooks in the reverse order, so the
 * global hooks wrap the table's as middleware does. Rows deleted or cleared by the database itself
 * (ON DELETE CASCADE / SET NULL) run no hooks: only the rows Steward writes do.
 */
export interface WriteHooks {
  /** The global hooks, then the table's own. */
  readonly hooks: readonly TableHooks[]
  readonly user: Principal | null
}

/** The options a write takes to run hooks; without `hooks` it runs none. */
export interface HookOptions {
  readonly hooks?: WriteHooks | null
}

type HookName = keyof TableHooks

/**
 * A hook threw something other than a `Refusal`: the write rolls back and the page says so, without the
 * error's own text (it may be a driver's); `cause` goes to the admin's log.
 */
export class HookFailed extends Error {
  override name = 'HookFailed'
  constructor(
    hook: HookName,
    table: string,
    override readonly cause: unknown,
  ) {
    const what = hook.endsWith('Delete') ? 'delete' : 'save'
    super(`The ${what} was stopped by an error in the ${hook} hook of ${table}. Nothing was changed.`)
  }
}

/** The row as hooks see it: the table's columns, without the rowid Steward may have selected under an alias. */
export function hookRow(resource: Resource, row: Values): Record<string, unknown> {
  if (resource.table.columns.length === 0) return { ...row }
  return Object.fromEntries(resource.table.columns.map((column) => [column.name, row[column.name]]))
}

async function call<T>(name: HookName, resource: Resource, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Refusal || error instanceof HookFailed) throw error
    throw new HookFailed(name, resource.label, error)
  }
}

function context(trx: Kysely<any>, hooks: WriteHooks, resource: Resource) {
  return { trx, user: hooks.user, table: { schema: resource.table.schema, name: resource.table.name } }
}

/**
 * Runs the `beforeSave` hooks in turn, each seeing the values the one before returned merged in, and
 * returns the values to write. A hook may name only columns of the table.
 */
export async function beforeSave(
  trx: Kysely<any>,
  hooks: WriteHooks | null | undefined,
  resource: Resource,
  event: { readonly mode: 'create' | 'update'; readonly values: Values; readonly current: Values | null },
): Promise<Values> {
  let values = event.values
  if (!hooks) return values
  const known = new Set(resource.table.columns.map((column) => column.name))
  const current = event.current && hookRow(resource, event.current)
  for (const hook of hooks.hooks) {
    const { beforeSave } = hook
    if (!beforeSave) continue
    const returned = await call('beforeSave', resource, () =>
      beforeSave.call(hook, { ...context(trx, hooks, resource), mode: event.mode, values, current }),
    )
    if (!returned) continue
    const unknown = Object.keys(returned).filter((name) => !known.has(name))
    if (unknown.length > 0) {
      const error = new Error(`beforeSave returned values for unknown columns: ${unknown.join(', ')}`)
      throw new HookFailed('beforeSave', resource.label, error)
    }
    values = { ...values, ...returned }
  }
  return values
}

/** Runs the `afterSave` hooks, the table's own first. */
export async function afterSave(
  trx: Kysely<any>,
  hooks: WriteHooks | null | undefined,
  resource: Resource,
  event: { readonly mode: 'create' | 'update'; readonly row: Values; readonly values: Values },
): Promise<void> {
  if (!hooks) return
  const row = hookRow(resource, event.row)
  for (const hook of [...hooks.hooks].reverse()) {
    const { afterSave } = hook
    if (!afterSave) continue
    await call('afterSave', resource, () =>
      afterSave.call(hook, { ...context(trx, hooks, resource), mode: event.mode, row, values: event.values }),
    )
  }
}

/** Runs the `beforeDelete` hooks (global first) or the `afterDelete` hooks (the table's own first) on one row. */
export async function deleteHooks(
  trx: Kysely<any>,
  hooks: WriteHooks | null | undefined,
  resource: Resource,
  when: 'beforeDelete' | 'afterDelete',
  row: Values,
): Promise<void> {
  if (!hooks) return
  const event = { ...context(trx, hooks, resource), row: hookRow(resource, row) }
  for (const hook of when === 'beforeDelete' ? hooks.hooks : [...hooks.hooks].reverse()) {
    const run = hook[when]
    if (run) await call(when, resource, () => run.call(hook, event))
  }
}
