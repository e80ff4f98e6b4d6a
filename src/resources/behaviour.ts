import type { Expression, ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely'
import { z } from 'zod'
import type { Action, Principal } from '../auth/permissions.js'

/**
 * The behaviour part of the config: functions Steward calls, typed against a row of the generated `DB`
 * (`Row`) and run inside the write's own transaction (`trx`). The data part beside it is plain data checked
 * by zod; these are checked only to be functions, so that a misspelt option is still an error.
 */

type AnyRow = Record<string, unknown>

/** What every hook and action gets: the transaction, who asks, and the table. */
export interface BehaviourContext {
  /** The write's transaction: read or write other tables through it; throwing rolls everything back. */
  readonly trx: Kysely<any>
  /** Who makes the request (null only when the admin has neither a login nor an identity hook). */
  readonly user: Principal | null
  readonly table: { readonly schema: string; readonly name: string }
}

export interface SaveEvent<Row = AnyRow> extends BehaviourContext {
  readonly mode: 'create' | 'update'
  /** The values about to be written (on update: only the changed columns). */
  readonly values: Partial<Row>
  /** The row as it is before the write; null on create. */
  readonly current: Row | null
}

export interface SavedEvent<Row = AnyRow> extends BehaviourContext {
  readonly mode: 'create' | 'update'
  /**
   * The row as written: on create as the insert returned it (the values written when it returned none, as
   * when a trigger stored the row elsewhere); on update the row as read before, with the values written.
   */
  readonly row: Row
  /** The values that were written (after `beforeSave`). */
  readonly values: Partial<Row>
}

export interface DeleteEvent<Row = AnyRow> extends BehaviourContext {
  /** The row about to be deleted (beforeDelete) or just deleted (afterDelete). */
  readonly row: Row
}

/**
 * Called per row, bulk deletes included, inside the write's transaction. `beforeSave` may return values
 * merged over `values` and written with them, even for a column the user did not touch (an update that
 * changes nothing runs no hook). Any hook may refuse with `throw new Refusal(message, { field })`: nothing
 * is written or audited, and the message is shown on the form (beside `field` when it is on the form, else
 * at the top) or on the delete page. Any other error also rolls everything back; the page then says a hook
 * stopped the write and the error goes to the admin's logger. The global `hooks` run before the table's own
 * for `before*` and after them for `after*`. Rows the database deletes or changes by itself (ON DELETE
 * CASCADE / SET NULL, triggers) run no hooks.
 */
export interface TableHooks<Row = AnyRow> {
  beforeSave?(event: SaveEvent<Row>): void | Partial<Row> | Promise<void | Partial<Row>>
  afterSave?(event: SavedEvent<Row>): void | Promise<void>
  beforeDelete?(event: DeleteEvent<Row>): void | Promise<void>
  afterDelete?(event: DeleteEvent<Row>): void | Promise<void>
}

const refusalBrand = Symbol.for('steward.refusal')

/** A hook's or an action's "no": rolls the write back and shows `message` to the user (on `field` when given). */
export class Refusal extends Error {
  override name = 'Refusal'
  readonly field: string | undefined
  readonly [refusalBrand] = true
  constructor(message: string, options: { readonly field?: string } = {}) {
    super(message)
    this.field = options.field
  }

  /**
   * Recognised by a brand rather than by class: the CLI runs its own bundled copy of Steward, while the config
   * it loads imports `Refusal` from the package's library entry, another copy with another class.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [refusalBrand]?: unknown })[refusalBrand] === true
  }
}

export interface ActionEvent<Row = AnyRow, Input = unknown> extends BehaviourContext {
  /** The rows the action runs on, read (and on Postgres locked) in the transaction. */
  readonly rows: readonly Row[]
  /** The action's form, parsed by its `form` schema; undefined without one. */
  readonly input: Input
}

/**
 * A custom action: on the list's selection (`on: 'rows'`), on one record's detail page (`'row'`), or both.
 * It runs in one transaction, is audited like any write, and needs `permission` on the table.
 * @example markShipped: { label: 'Mark shipped', permission: 'change', on: 'both',
 *   run: async ({ trx, rows }) => { await trx.updateTable('orders').set({ status: 'shipped' })
 *     .where('id', 'in', rows.map((r) => r.id)).execute(); return `${rows.length} orders shipped.` } }
 */
export interface TableAction<Row = AnyRow, Input = any> {
  readonly label: string
  readonly permission: Action
  readonly on: 'rows' | 'row' | 'both'
  /** A confirm step before it runs: `true` for a generic question, or the question to ask. */
  readonly confirm?: boolean | string
  /** A small form asked before it runs, validated by this schema (its object keys become the fields). */
  readonly form?: z.ZodType<Input>
  /** Returns the message shown after it ran. */
  run(event: ActionEvent<Row, Input>): string | void | Promise<string | void>
}

/**
 * Which rows of a table this user may see at all: applied to list, detail, counts, foreign-key pickers and
 * labels, related panels, export and actions alike. A row outside the scope is a 404 everywhere.
 * @example scope: (qb, { user }) => (user?.roles.includes('admin') ? qb : qb.where('region', '=', 'EU'))
 */
export type RowScope = (
  qb: SelectQueryBuilder<any, any, any>,
  context: { readonly user: Principal | null },
) => SelectQueryBuilder<any, any, any>

/**
 * A list column computed by an SQL expression over the row (`eb` refers to the table's own columns), shown
 * after the table's columns, sortable and filterable like one.
 * @example computed: { items: { label: 'Items', sql: (eb) => eb.selectFrom('order_items')
 *   .select(eb.fn.countAll().as('n')).whereRef('order_items.order_id', '=', 'orders.id') } }
 */
export interface ComputedColumn {
  readonly label?: string
  readonly sql: (eb: ExpressionBuilder<any, any>) => Expression<unknown>
}

/** A custom page drawn inside the admin's layout (navigation, breadcrumbs, login and permissions). */
export interface CustomPage {
  /** Below the admin's base path, e.g. `/reports/daily`. */
  readonly path: string
  readonly title: string
  render(context: { readonly db: Kysely<any>; readonly user: Principal | null; readonly url: URL }): unknown
}

/** Checks only that a value is a function; its type is the TypeScript interface's. */
export function behaviour<T>(what: string) {
  return z.custom<T>((value) => typeof value === 'function', { message: `must be a function (${what})` })
}
