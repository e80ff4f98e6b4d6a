import { sql, type Expression, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { Principal } from '../auth/permissions.js'
import type { Table } from '../introspect/metadata.js'
import { tableId } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { writeMessages } from './write-messages.js'
import { WriteRefused } from './write-transaction.js'

/** Who reads: each table's `scope` is applied for this user (null when nobody is identified). */
export type Reader = Principal | null

/**
 * The table's own `scope` function threw: nothing is read. Turned into a page (not a 500) in one place;
 * the cause goes to the log.
 */
export class ScopeFailed extends Error {
  override name = 'ScopeFailed'
  constructor(
    readonly resource: Pick<Resource, 'id' | 'label'>,
    cause: unknown,
  ) {
    super(`the scope of ${resource.id} failed`, { cause })
  }
}

/**
 * `db.selectFrom(table)` with the table's row scope applied for `user`: the rows this user may see at all,
 * nothing selected yet. The table is aliased as its own name, so a scope may write `orders.region` as well
 * as `region`. A scope that throws becomes a `ScopeFailed`.
 * @example await scopedFrom(db, resource, user).selectAll().where('id', '=', 1).executeTakeFirst()
 */
export function scopedFrom(db: Kysely<any>, resource: Resource, user: Reader): SelectQueryBuilder<any, any, any> {
  const from = db.selectFrom(sql`${tableId(resource.table)}`.as(resource.table.name))
  if (!resource.scope) return from
  let scoped: unknown
  try {
    scoped = resource.scope(from, { user })
  } catch (error) {
    throw new ScopeFailed(resource, error)
  }
  if (!isSelectQuery(scoped))
    throw new ScopeFailed(resource, new TypeError('a scope must return the query builder it was given'))
  return scoped
}

/**
 * What raw list and record queries read the resource's rows from (`from ${rowSource(…)}`): the table itself
 * when it has no scope (plans stay as they are), else the scoped query as a derived table under the table's
 * own name, with SQLite's rowid when a key relies on it. Columns are referred to unqualified, so every query
 * reads the same whichever it gets; compiled with the rest, it also reaches the SQLite reading worker.
 */
export function rowSource(db: Kysely<any>, resource: Resource, user: Reader): Expression<unknown> {
  if (!resource.scope) return tableId(resource.table)
  return sql`${scopedRows(db, resource, user)} as ${sql.id(resource.table.name)}`
}

/** `rowSource` without its alias, for a query that names the table its own way (`… as t0`). */
export function scopedRows(db: Kysely<any>, resource: Resource, user: Reader): Expression<unknown> {
  if (!resource.scope) return tableId(resource.table)
  const scoped = scopedFrom(db, resource, user)
  const alias = resource.table.name
  // `*` alone would also take the columns of tables a scope joins; `"alias".*` needs an alias kysely won't split.
  const joined = (scoped.toOperationNode().joins?.length ?? 0) > 0 && !alias.includes('.')
  let selected = joined ? scoped.selectAll(alias) : scoped.selectAll()
  if (resource.key.type === 'rowid' || resource.key.nullRowid)
    selected = selected.select(sql`${sql.id(alias, 'rowid')}`.as('rowid'))
  return sql`(${selected})`
}

/** `rowSource` for a table named by a foreign key: the resource's scoped rows when there is one, else the table. */
export function rowSourceOf(
  db: Kysely<any>,
  resource: Resource | undefined,
  table: Pick<Table, 'schema' | 'name'>,
  user: Reader,
): Expression<unknown> {
  return resource ? rowSource(db, resource, user) : tableId(table)
}

/** The resource read whole, for a check that must tell "outside the scope" from "not there" (never to show rows). */
export function unscoped(resource: Resource): Resource {
  if (!resource.scope) return resource
  const { scope: _scope, ...rest } = resource
  return rest
}

/** Whether this resource's reads depend on who reads (a cache must then not share them between users). */
export function isScoped(resource: Resource): boolean {
  return resource.scope !== undefined
}

function isSelectQuery(value: unknown): value is SelectQueryBuilder<any, any, any> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toOperationNode?: unknown }).toOperationNode === 'function' &&
    typeof (value as { selectAll?: unknown }).selectAll === 'function'
  )
}

/**
 * After a write in `trx`: refuses it (rolling it back) when the row `where` names is not among the rows
 * `user` may see. Without it a scoped user could add a row, or move one, outside their own scope.
 */
export async function requireWithinScope(
  trx: Kysely<any>,
  resource: Resource,
  user: Reader,
  where: Expression<unknown>,
): Promise<void> {
  if (!isScoped(resource)) return
  const { rows } = await sql`select 1 as one from ${rowSource(trx, resource, user)} where ${where} limit 1`.execute(trx)
  if (rows.length === 0) throw new WriteRefused('outside_scope', writeMessages.outsideScope)
}
