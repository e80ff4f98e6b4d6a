import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely'
import type { DialectCapabilities } from '../db/dialect.js'
import type { Column, DialectName, ForeignKey } from '../introspect/metadata.js'
import { scopedRows, type Reader } from '../records/scoped-from.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import { comparedAsText } from '../db/postgres-text-types.js'
import { kindOf } from '../kinds/registry.js'
import type { Resource, SearchPath } from '../resources/resource.js'
import type { Filter, ListParams } from './list-params.js'
import { searchWords } from './search-words.js'
import { columnId, computedSql } from './sql-identifiers.js'

export interface WhereContext {
  readonly dialect: DialectName
  readonly capabilities: DialectCapabilities
  /**
   * The rows of a table a search path reaches (see `referencedRows`), or null when the user may not see that
   * table: the path is then not searched. Without it, the whole referenced table is searched.
   */
  readonly referencedRows?: (fk: ForeignKey) => Expression<unknown> | null
  /** Columns whose equality is tested row by row rather than looked up in their index (see `scannedFilters`). */
  readonly scanned?: ReadonlySet<string>
}

/**
 * What a search through a foreign key reads for this user: the referenced table's rows in its scope, and
 * nothing from a table the user may not view (matching on a value they could not see would reveal it).
 */
export function referencedRows(
  db: Kysely<any>,
  resources: ResourceIndex,
  user: Reader,
): (fk: ForeignKey) => Expression<unknown> | null {
  return (fk) => {
    const target = resources.get(fk.refSchema, fk.refTable)
    return target ? scopedRows(db, target, user) : null
  }
}

/**
 * The WHERE condition for a list's search and filters; null when the list is unfiltered. Values are always bound.
 * `search` replaces the full search of `q` when the caller chose another (see `planSearch`).
 */
export function listWhere(
  resource: Resource,
  params: Pick<ListParams, 'q' | 'filters'>,
  ctx: WhereContext,
  search: RawBuilder<boolean> | null = params.q ? searchCondition(resource, params.q, ctx) : null,
): RawBuilder<boolean> | null {
  const conditions = params.filters.map((filter) => filterCondition(resource, filter, ctx))
  if (search) conditions.push(search)
  return conditions.length === 0 ? null : sql<boolean>`${sql.join(conditions, sql` and `)}`
}

function filterCondition(resource: Resource, filter: Filter, ctx: WhereContext): RawBuilder<boolean> {
  const computed = resource.computed.find((field) => field.name === filter.column)
  if (computed) {
    // Matched by text, the same on both engines: SQLite would never find the number 3 by the text '3'.
    const target = sql`cast(${computedSql(computed)} as ${sql.raw(ctx.capabilities.textCast)})`
    return sql<boolean>`${target} in (${sql.join(filter.values.map((value) => sql`${value}`))})`
  }
  const column = columnId(filter.column)
  const [first] = filter.values
  switch (filter.op) {
    case 'null':
      return first ? sql<boolean>`${column} is null` : sql<boolean>`${column} is not null`
    case 'gte':
      return sql<boolean>`${column} >= ${first}`
    case 'lte': {
      // "up to 2024-05-31" on a timestamp means the whole of that day, as a person reading the filter expects.
      const kind = resource.columns.find((c) => c.name === filter.column)?.kind
      const day =
        typeof first === 'string' && kind === 'datetime' ? /^(\d{4}-\d{2}-\d{2})$/.exec(first)?.[1] : undefined
      return day ? sql<boolean>`${column} < ${nextDay(day)}` : sql<boolean>`${column} <= ${first}`
    }
    default: {
      // A type whose input Steward does not parse (tsvector, xml) is matched by its text: no value can then fail in SQL.
      const baseType = resource.columns.find((c) => c.name === filter.column)?.baseType ?? ''
      const prefix = ctx.scanned?.has(filter.column) ? ctx.capabilities.indexAvoidingPrefix : null
      const target = comparedAsText.has(baseType)
        ? sql`cast(${column} as text)`
        : prefix
          ? sql`${sql.raw(prefix)}${column}`
          : column
      return filter.values.length === 1
        ? sql<boolean>`${target} = ${first}`
        : sql<boolean>`${target} in (${sql.join(filter.values.map((value) => sql`${value}`))})`
    }
  }
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

// Column types `like`/`ilike` accept as they are; anything else is cast to text first (Postgres refuses `uuid ilike`).
const plainTextTypes = /^(text|varchar|bpchar|char|citext|name|character( varying)?|n?varchar|n?char|clob)$/i

/**
 * Multi-word search, as Django's: every word of the term (see `searchWords`) must match some search field or
 * path, case-insensitively, anywhere in it; or the whole term is the row's key, so pasting an id finds that row.
 * Null when the term holds no word.
 */
export function searchCondition(resource: Resource, q: string, ctx: WhereContext): RawBuilder<boolean> | null {
  const words = searchWords(q)
  if (words.length === 0) return null
  const all = words.map((word) => wordCondition(resource, word, ctx))
  const matched = all.length === 1 ? all[0]! : sql<boolean>`(${sql.join(all, sql` and `)})`
  const keyMatch = keyCondition(resource, q, ctx.dialect)
  return keyMatch ? sql<boolean>`(${matched} or ${keyMatch})` : matched
}

/** One word in any of the search fields or paths: `(a ilike '%w%' or exists (… b ilike '%w%'))`. */
function wordCondition(resource: Resource, word: string, ctx: WhereContext): RawBuilder<boolean> {
  const pattern = `%${escapeLike(word)}%`
  const op = sql.raw(ctx.capabilities.caseInsensitiveLike)
  const byName = new Map(resource.columns.map((column) => [column.name, column]))
  const parts: RawBuilder<unknown>[] = []
  for (const name of resource.searchFields) {
    const column = byName.get(name)
    if (!column) continue
    const target = textTarget(column, ctx)
    parts.push(sql`${target} ${op} ${pattern} escape '\\'`)
  }
  for (const path of resource.searchPaths) {
    const rows = ctx.referencedRows ? ctx.referencedRows(path.fk) : sql.id(path.fk.refSchema, path.fk.refTable)
    if (rows) parts.push(pathCondition(resource, path, rows, sql`${op} ${pattern} escape '\\'`, ctx))
  }
  // A word that can match nothing here (text on a table without text columns) finds nothing, not everything.
  return parts.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`(${sql.join(parts, sql` or `)})`
}

/** `%`, `_` and the escape character itself, escaped for `like … escape '\\'`: a search matches them literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function textTarget(column: Column, ctx: WhereContext, id = columnId(column.name)): RawBuilder<unknown> {
  if (!searchCastsToText(column)) return id
  return sql`cast(${id} as ${sql.raw(ctx.capabilities.textCast)})`
}

/** The alias of the referenced table in a search through a foreign key: never a table's own name. */
const refAlias = '__steward_ref'

/**
 * `exists (select 1 from customers as r where r.id = orders.customer_id and r.email ilike …)`: a row whose
 * referenced row matches. EXISTS, not a join, so that a row is listed once whatever matches.
 */
function pathCondition(
  resource: Resource,
  path: SearchPath,
  rows: Expression<unknown>,
  match: RawBuilder<unknown>,
  ctx: WhereContext,
) {
  const { fk } = path
  // The list reads the table, or its scoped rows, under the table's own name (see `rowSource`).
  const outer = (name: string) => sql.id(resource.table.name, name)
  const joined = fk.columns.map((name, i) => sql`${sql.id(refAlias, fk.refColumns[i]!)} = ${outer(name)}`)
  const target = textTarget(path.column, ctx, sql.id(refAlias, path.column.name))
  return sql`exists (select 1 from ${rows} as ${sql.id(refAlias)}
    where ${sql.join(joined, sql` and `)} and ${target} ${match})`
}

/** Whether the search matches a cast of the column to text rather than the column (an index must then be on the cast). */
export function searchCastsToText(column: Column): boolean {
  return !(column.kind === 'text' && plainTextTypes.test(column.baseType))
}

export function keyCondition(resource: Resource, q: string, dialect: DialectName): RawBuilder<unknown> | null {
  const [name] = resource.key.columns
  if (resource.key.type === 'columns' || resource.key.columns.length !== 1 || !name) return null
  if (resource.key.type === 'rowid') return /^-?\d{1,18}$/.test(q) ? sql`${columnId('rowid')} = ${Number(q)}` : null
  const column = resource.table.columns.find((c) => c.name === name)
  if (!column || resource.searchFields.includes(name)) return null
  const parsed = kindOf(column).parse(q, column, dialect)
  return parsed.ok ? sql`${columnId(name)} = ${parsed.value}` : null
}
