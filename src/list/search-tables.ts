import { sql, type Kysely, type RawBuilder } from 'kysely'
import { isTransient } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import { kindOf } from '../kinds/registry.js'
import { rowKeyColumns } from '../records/record-ref.js'
import { rowLinkText } from '../records/row-link.js'
import { rowSource, ScopeFailed, type Reader } from '../records/scoped-from.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Resource } from '../resources/resource.js'
import { defaultBigTableRows, isBigTable } from './big-table.js'
import { exactCondition } from './exact-condition.js'
import { referencedRows, searchCondition } from './filters.js'
import { prefixCondition } from './prefix-condition.js'
import { estimateKey } from './row-estimates.js'
import { columnId, selectList } from './sql-identifiers.js'

/** Rows shown per table unless told otherwise; "see all" opens the table's list with the search applied. */
export const defaultRowsPerTable = 5
export { defaultBigTableRows }

export interface SearchTablesOptions {
  /** The tables this user may view, in the order their groups are shown. */
  readonly resources: ResourceIndex
  readonly q: string
  readonly dialect: Dialect
  readonly user: Reader
  readonly statementTimeoutMs: number
  /** Planner row estimates by `estimateKey` (see `loadRowEstimates`); a table missing here uses its metadata. */
  readonly estimates: ReadonlyMap<string, number>
  readonly rowsPerTable?: number
  readonly bigTableRows?: number
}

export interface FoundRow {
  /** The row's ref text (see `rowLinkText`); null when the row cannot be linked. */
  readonly ref: string | null
  readonly label: string
}

export interface TableMatches {
  readonly resource: Resource
  readonly rows: readonly FoundRow[]
  /** More rows match than are shown. */
  readonly more: boolean
  /** A big table: only indexed equality and prefix matches were tried. */
  readonly bounded: boolean
  /** Why the table could not be searched: its statement took too long, its scope or its query failed. */
  readonly failed: 'timeout' | 'scope' | 'error' | null
}

export interface SearchResults {
  /** Tables with at least one match, or whose search failed. */
  readonly tables: readonly TableMatches[]
  /** The one row the term names exactly (its key or a unique column's value), when it names exactly one in all. */
  readonly exact: { readonly resource: Resource; readonly ref: string } | null
}

/**
 * Searches every table the user may view by its label column and search fields (multi-word, as a list's
 * search), at most `rowsPerTable` rows each, in the user's row scope, each statement under the timeout. A big
 * table is searched only by equality on its key and indexed columns and by prefix on indexed text columns,
 * so no keystroke reads a million rows. Views are left out: their cost cannot be told from their size.
 * @example await searchTables(db, { resources, q: 'ann@example.com', dialect, user, statementTimeoutMs, estimates })
 */
export async function searchTables(db: Kysely<any>, options: SearchTablesOptions): Promise<SearchResults> {
  const tables: TableMatches[] = []
  const exact: { resource: Resource; ref: string }[] = []
  // One transaction for all the tables while none fails: a table's failure still stays its own (see readSession).
  await options.dialect.readSession(db, async (reads) => {
    for (const resource of options.resources.all) {
      if (resource.table.type === 'view' || resource.table.type === 'foreign table') continue
      const searched = await searchTable(reads, resource, options)
      if (searched.exact) exact.push(...searched.exact.map((ref) => ({ resource, ref })))
      if (searched.matches.rows.length > 0 || searched.matches.failed) tables.push(searched.matches)
    }
  })
  return { tables, exact: exact.length === 1 ? exact[0]! : null }
}

async function searchTable(
  db: Kysely<any>,
  resource: Resource,
  options: SearchTablesOptions,
): Promise<{ matches: TableMatches; exact: string[] | null }> {
  const { dialect } = options
  const perTable = options.rowsPerTable ?? defaultRowsPerTable
  const threshold = options.bigTableRows ?? defaultBigTableRows
  const estimate = options.estimates.get(estimateKey(resource.table.schema, resource.table.name))
  const labelColumn = resource.columns.find((column) => column.name === resource.labelColumn) ?? null
  let bounded = estimate !== undefined && estimate > threshold
  try {
    const from = rowSource(db, resource, options.user)
    return await dialect.withStatementTimeout(db, options.statementTimeoutMs, async (trx) => {
      // A table the planner has no estimate for (never analysed) is counted, but never past the threshold.
      if (estimate === undefined) bounded = await isBigTable(trx, resource.table, { estimate, threshold })
      const exactWhere = exactCondition(resource, options.q, dialect)
      const searchFields = [...new Set([...(labelColumn ? [labelColumn.name] : []), ...resource.searchFields])]
      const words = bounded
        ? null
        : searchCondition({ ...resource, searchFields }, options.q, {
            dialect: dialect.name,
            capabilities: dialect.capabilities,
            referencedRows: referencedRows(db, options.resources, options.user),
          })
      const prefix = bounded ? prefixCondition(resource, options.q) : null
      const found = [words, exactWhere, prefix].filter((part): part is RawBuilder<boolean> => part !== null)
      if (found.length === 0)
        return { matches: { resource, rows: [], more: false, bounded, failed: null }, exact: null }
      const selected = [...rowKeyColumns(resource), ...(labelColumn ? [labelColumn.name] : [])]
      // On a big table any order would sort every match: the first ones found are shown.
      const orderBy = bounded || !labelColumn ? sql`` : sql`order by ${columnId(labelColumn.name)}`
      const { rows } = await sql<Record<string, unknown>>`
        select ${selectList(resource, selected)} from ${from}
        where ${sql.join(found, sql` or `)} ${orderBy} limit ${perTable + 1}`.execute(trx)
      const exactRows = exactWhere
        ? (
            await sql<Record<string, unknown>>`
              select ${selectList(resource, rowKeyColumns(resource))} from ${from} where ${exactWhere} limit 2`.execute(
              trx,
            )
          ).rows
        : []
      const label = (row: Record<string, unknown>, ref: string | null) =>
        labelColumn
          ? kindOf(labelColumn).format(row[labelColumn.name], labelColumn, { dialect: dialect.name, truncate: 80 }).text
          : (ref ?? '(no key)')
      return {
        matches: {
          resource,
          bounded,
          rows: rows.slice(0, perTable).map((row) => {
            const ref = rowLinkText(resource, row, dialect.name)
            return { ref, label: label(row, ref) }
          }),
          more: rows.length > perTable,
          failed: null,
        },
        exact: exactRows.flatMap((row) => rowLinkText(resource, row, dialect.name) ?? []),
      }
    })
  } catch (error) {
    const none = { resource, rows: [], more: false, bounded }
    if (error instanceof ScopeFailed) return { matches: { ...none, failed: 'scope' }, exact: null }
    const mapped = dialect.mapError(error)
    if (!mapped || isTransient(mapped)) throw error
    return { matches: { ...none, failed: mapped.code === 'timeout' ? 'timeout' : 'error' }, exact: null }
  }
}
