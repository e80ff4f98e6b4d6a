import { setImmediate } from 'node:timers/promises'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import { rowSource, type Reader } from '../records/scoped-from.js'
import type { Resource } from '../resources/resource.js'
import { referencedRows } from './filters.js'
import { plannedListWhere } from './search-plan.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import { keysetCondition, orderByClause } from './keyset.js'
import type { ListParams } from './list-params.js'
import { resolveOrdering } from './ordering.js'
import { selectList, valueOf } from './sql-identifiers.js'
import type { Row } from './load-list-page.js'

/** The cap on one export when the config sets none. */
export const defaultExportMaxRows = 100_000

export interface ExportOptions {
  readonly dialect: Dialect
  readonly statementTimeoutMs: number
  readonly maxRows: number
  readonly batchSize?: number
  /** Who exports: only the rows of the table's scope for them are written. */
  readonly user: Reader
  /** The tables this user may view: a search through a foreign key reads only those (see `referencedRows`). */
  readonly resources: ResourceIndex
  /** Above this many rows a table's default search keeps to its indexes, as on the list (config `search.bigTableRows`). */
  readonly bigTableRows?: number | undefined
}

export interface ExportRows {
  /** More rows match than `maxRows`: the export stops there. */
  readonly truncated: boolean
  /** Batches of rows in the list's order, each read by its own query under the statement timeout. */
  readonly batches: AsyncGenerator<readonly Row[]>
}

/**
 * The rows of a list (its search, filters and ordering; not its page) in batches, so that a big export
 * never sits in memory: by position after the last row when the ordering allows keyset paging, else by
 * OFFSET. Whether the cap truncates is asked first (one bounded probe), so it can go in a header.
 */
export async function exportRows(
  db: Kysely<any>,
  resource: Resource,
  params: Pick<ListParams, 'q' | 'searchAll' | 'filters' | 'sort'>,
  options: ExportOptions,
): Promise<ExportRows> {
  const { dialect, statementTimeoutMs, maxRows } = options
  const batchSize = options.batchSize ?? 1_000
  const ordering = resolveOrdering(resource, params.sort)
  const { where } = await plannedListWhere(db, resource, params, {
    dialect,
    where: {
      dialect: dialect.name,
      capabilities: dialect.capabilities,
      referencedRows: referencedRows(db, options.resources, options.user),
    },
    bigTableRows: options.bigTableRows,
  })
  const columns = [
    ...resource.columns.map((column) => column.name),
    ...resource.computed.map((field) => field.name),
    ...ordering.terms.map((term) => term.column),
  ]
  // Scoped, this is a subquery compiled into every statement, the one the SQLite worker runs included.
  const from = sql`from ${rowSource(db, resource, options.user)}`
  const run = (query: RawBuilder<Record<string, unknown>>) =>
    dialect.withStatementTimeout(db, statementTimeoutMs, async (trx) => (await query.execute(trx)).rows)

  const probe = await run(sql`select 1 as one ${from} ${where ? sql`where ${where}` : sql``} limit 1 offset ${maxRows}`)
  const truncated = probe.length > 0

  async function* batches(): AsyncGenerator<readonly Row[]> {
    let sent = 0
    let position: unknown[] | null = null
    while (sent < maxRows) {
      // Let other requests in between batches: a SQLite statement runs on this thread, and the
      // driver's promises alone never yield to I/O, so without this an export would be one long block.
      if (sent > 0) await setImmediate()
      const limit = Math.min(batchSize, maxRows - sent)
      const conditions: RawBuilder<unknown>[] = where ? [where] : []
      if (ordering.keyset && position) conditions.push(keysetCondition(ordering, position))
      const rows = await run(sql`
        select ${selectList(resource, columns)} ${from}
        ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
        ${ordering.terms.length ? sql`order by ${orderByClause(ordering)}` : sql``}
        limit ${limit} ${ordering.keyset ? sql`` : sql`offset ${sent}`}`)
      if (rows.length === 0) return
      sent += rows.length
      const last = rows.at(-1)!
      position = ordering.terms.map((term) => valueOf(resource, last, term.column))
      yield rows
      if (rows.length < limit) return
    }
  }
  // Where the engine offers it (`db` a SQLite `longReader`), the whole export is one statement read in the
  // background: one sort instead of one per batch, and no batch holding up other requests.
  const all = sql<Record<string, unknown>>`
    select ${selectList(resource, columns)} ${from} ${where ? sql`where ${where}` : sql``}
    ${ordering.terms.length ? sql`order by ${orderByClause(ordering)}` : sql``} limit ${maxRows}`
  const background = await dialect.readInBackground(db, all.compile(db), { batchSize, timeoutMs: statementTimeoutMs })
  return { truncated, batches: background ?? batches() }
}
