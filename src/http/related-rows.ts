import { sql, type Kysely } from 'kysely'
import type { RelatedPanel } from '../../views/view-model.js'
import type { Dialect } from '../db/dialect.js'
import type { ForeignKey } from '../introspect/metadata.js'
import { countRows, formatCount, type RowCount } from '../list/count-rows.js'
import { filterParam } from '../list/list-query-string.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'
import { refSegment, rowKeyColumns } from '../records/record-ref.js'
import { rowLinkText } from '../records/row-link.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Resource } from '../resources/resource.js'
import { cellFor } from './cell-model.js'
import type { Logger } from '../logger.js'
import type { May } from './routes/table-route-helpers.js'
import { queryString, type Urls } from './urls.js'

const shownRows = 5
const shownColumns = 5

/**
 * For every foreign key pointing at this row (multi-column ones too): a capped count, the first rows,
 * a link to the child list filtered on this row, and (when the user may add to the child and it can be written) a link
 * to the child's create form with the foreign key filled in. A child that cannot be read gets a message in
 * its own panel; the rest of the page still shows.
 */
export async function loadRelatedPanels(
  db: Kysely<any>,
  resource: Resource,
  row: Readonly<Record<string, unknown>>,
  resources: ResourceIndex,
  urls: Urls,
  dialect: Dialect,
  timeoutMs: number,
  may: May,
  logger: Logger,
): Promise<RelatedPanel[]> {
  const panels: RelatedPanel[] = []
  for (const { resource: child, fk } of resources.referencing(resource.table)) {
    if (!may('view', child.table)) continue
    const values = fk.refColumns.map((name) => row[name])
    if (values.some((value) => value === null || value === undefined)) continue
    if (fk.columns.some((name) => !child.columns.some((c) => c.name === name))) continue
    const listHref = urls.list(
      child.table,
      fk.columns.map((name, i) => [filterParam(name, 'eq'), String(values[i])]),
    )
    const fill = fk.columns.map((name, i) => [`f.${name}`, String(values[i])] as const)
    const addHref =
      may('add', child.table) && !child.readOnly ? `${urls.create(child.table)}${queryString(fill)}` : null
    const base = { title: child.label, via: via(child, fk, resource), listHref, addHref }
    try {
      // Each panel in its own timed transaction: a slow or broken child cannot take the others down with it.
      const panel = await dialect.withStatementTimeout(db, timeoutMs, (trx) =>
        loadPanel(trx, child, fk, values, urls, dialect),
      )
      panels.push({ ...base, ...panel, error: null })
    } catch (error) {
      if (!dialect.mapError(error)) throw error
      logger.error(`steward: reading ${child.id} for related rows failed:`, error)
      panels.push({
        ...base,
        countText: 'unavailable',
        columns: [],
        rows: [],
        error: `${child.label} could not be read.`,
      })
    }
  }
  return panels
}

async function loadPanel(
  db: Kysely<any>,
  child: Resource,
  fk: ForeignKey,
  values: readonly unknown[],
  urls: Urls,
  dialect: Dialect,
) {
  const where = matchColumns(fk.columns, values)
  const others = child.listColumns.filter((name) => !fk.columns.includes(name))
  const columns = (others.length > 0 ? others : child.listColumns)
    .slice(0, shownColumns)
    .flatMap((name) => child.columns.filter((c) => c.name === name))
  const order = sql.join(child.key.columns.map((name) => sql.id(name)))
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(child, [...columns.map((c) => c.name), ...rowKeyColumns(child)])} from ${tableId(child.table)}
    where ${where} order by ${order} limit ${shownRows}`.execute(db)
  // Fewer rows than a panel shows are all there are: no second query to count them.
  const count: RowCount =
    rows.length < shownRows
      ? { value: rows.length, precision: 'exact' }
      : await countRows(db, child.table, where, undefined)
  return {
    countText: formatCount(count),
    columns: columns.map((c) => child.columnLabels[c.name] ?? c.name),
    rows: rows.map((r) => {
      const ref = rowLinkText(child, r, dialect.name)
      const href = ref === null ? undefined : urls.detail(child.table, refSegment(ref))
      return {
        href: href ?? null,
        cells: columns.map((c, i) => cellFor(c, r[c.name], dialect.name, 60, i === 0 ? href : undefined)),
      }
    }),
  }
}

function via(child: Resource, fk: ForeignKey, target: Resource): string {
  return `${child.table.name} (${fk.columns.join(', ')}) → ${target.table.name} (${fk.refColumns.join(', ')})`
}
