import { sql, type Kysely } from 'kysely'
import type { Context } from 'hono'
import type { DialectName } from '../../introspect/metadata.js'
import { kindOf } from '../../kinds/registry.js'
import { columnId, tableId } from '../../list/sql-identifiers.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { resourceFor } from './table-route-helpers.js'

const maxResults = 20

/**
 * `GET …/lookup?column=id&q=ali` — JSON for the foreign-key picker: rows of this table whose label
 * column contains `q` (or whose `column` equals it), as `{ results: [{ value, label }] }`, where
 * `value` is what the referencing form field should hold.
 */
export async function lookupHandler(c: Context<AdminEnv>): Promise<Response> {
  const admin = c.get('admin')
  const resource = resourceFor(c, 'view')
  const q = (c.req.query('q') ?? '').slice(0, 200)
  const columnName = c.req.query('column') ?? resource.key.columns[0] ?? ''
  const column = resource.table.columns.find((candidate) => candidate.name === columnName)
  if (!column || !resource.columns.includes(column)) return c.json({ error: 'unknown column' }, 400)
  if (!admin.expensive.tryTake()) return c.json({ error: 'too many searches are running; try again' }, 503)
  const results = await admin.dialect
    .withStatementTimeout(admin.db, admin.statementTimeoutMs, (trx) =>
      search(trx, resource, column.name, q, admin.dialect.name, admin.dialect.capabilities.caseInsensitiveLike),
    )
    .catch((error: unknown) => {
      admin.logger.warn(`steward: the lookup in ${resource.id} failed:`, error)
      return null
    })
    .finally(() => admin.expensive.give())
  if (!results) return c.json({ error: 'the search failed or took too long' }, 503)
  c.header('Cache-Control', 'no-store')
  return c.json({ results })
}

async function search(
  db: Kysely<any>,
  resource: Resource,
  valueColumn: string,
  q: string,
  dialect: DialectName,
  like: 'ilike' | 'like',
): Promise<{ value: string; label: string }[]> {
  const column = resource.table.columns.find((candidate) => candidate.name === valueColumn)!
  const labelColumn = resource.table.columns.find((candidate) => candidate.name === resource.labelColumn)
  const conditions = []
  const typed = q === '' ? undefined : kindOf(column).parse(q, column, dialect)
  if (typed?.ok) conditions.push(sql`${columnId(valueColumn)} = ${typed.value}`)
  if (labelColumn && q !== '') {
    const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    // Cast: an enum label column has no LIKE operator on Postgres.
    conditions.push(sql`cast(${columnId(labelColumn.name)} as text) ${sql.raw(like)} ${pattern} escape '\\'`)
  }
  const where = q === '' ? sql`1 = 1` : conditions.length > 0 ? sql.join(conditions, sql` or `) : sql`1 = 0`
  const selected = [valueColumn, ...(labelColumn && labelColumn.name !== valueColumn ? [labelColumn.name] : [])]
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join(selected.map((name) => columnId(name)))} from ${tableId(resource.table)}
    where ${where} order by ${columnId(labelColumn?.name ?? valueColumn)} limit ${maxResults}`.execute(db)
  return rows.map((row) => {
    const value = row[valueColumn]
    const input = value === null || value === undefined ? '' : kindOf(column).toInput(value, column, dialect)
    const label = labelColumn
      ? kindOf(labelColumn).format(row[labelColumn.name], labelColumn, { dialect, truncate: 80 }).text
      : input
    return { value: input, label: label === input ? input : `${label} (${input})` }
  })
}
