import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { ForeignKey } from '../introspect/metadata.js'
import { compare } from '../introspect/normalize.js'
import { kindOf } from '../kinds/registry.js'
import { isScoped, rowSource, type Reader } from '../records/scoped-from.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Resource } from '../resources/resource.js'
import type { FilterChoiceCache, FilterChoices } from './filter-choice-cache.js'
import { loadForeignLabels, type ForeignLabel } from './foreign-labels.js'
import type { ListParams } from './list-params.js'
import { selectList } from './sql-identifiers.js'
import { encodeRecordKey } from '../records/record-key.js'

/** Offered as a drop-down when the referenced table has at most this many rows; else a key input. */
const maxChoices = 200

export interface ForeignFilter {
  readonly column: string
  readonly fk: ForeignKey
  readonly target: Resource
  /** The target's rows as (value, label) when few enough; null when there are too many to list. */
  readonly choices: FilterChoices
  /** Labels of the values currently filtered on, for the active-filter chips. */
  readonly selected: ReadonlyMap<string, ForeignLabel>
}

export interface FilterChoicesOptions {
  readonly resource: Resource
  readonly params: ListParams
  /** The tables this user may view: a foreign key to any other gets no filter choices. */
  readonly resources: ResourceIndex
  readonly dialect: Dialect
  /** Who reads: a scoped target offers only the rows this user may see. */
  readonly user: Reader
  /** Where choices read recently are kept (see `createFilterChoiceCache`); without one they are read every time. */
  readonly cache?: FilterChoiceCache
  /**
   * Labels already read for the page's rows, by foreign key name (see `loadForeignLabels`): a value filtered on
   * is usually among them (the rows matched it), and is then not read again.
   */
  readonly known?: ReadonlyMap<string, ReadonlyMap<string, ForeignLabel>>
}

/**
 * Single-column foreign keys among the resource's filters, with their choices (one query per foreign key,
 * unless the cache has them) and the labels of the values filtered on (one query per active filter, unless the
 * page's rows already brought them: see `known`).
 */
export async function loadFilterChoices(db: Kysely<any>, options: FilterChoicesOptions): Promise<ForeignFilter[]> {
  const { resource, params, resources, dialect } = options
  const filters: ForeignFilter[] = []
  const active = new Set(params.filters.map((filter) => filter.column))
  for (const fk of resource.table.foreignKeys) {
    const [column] = fk.columns
    const [refColumn] = fk.refColumns
    const target = resources.get(fk.refSchema, fk.refTable)
    if (!column || !refColumn || fk.columns.length !== 1 || !target) continue
    if (!resource.filterFields.includes(column) && !active.has(column)) continue
    const choices = resource.filterFields.includes(column) ? await cachedChoices(db, target, refColumn, options) : null
    const values = params.filters.filter((f) => f.column === column && f.op === 'eq').flatMap((f) => f.values)
    const known = options.known?.get(fk.name)
    const selected = new Map<string, ForeignLabel>()
    const unknown: unknown[] = []
    for (const value of values) {
      const label = known?.get(encodeRecordKey([value]))
      if (label) selected.set(encodeRecordKey([value]), label)
      else unknown.push(value)
    }
    const read = await loadForeignLabels(
      db,
      target,
      fk,
      unknown.map((value) => [value]),
      { dialect: dialect.name, user: options.user },
    )
    for (const [key, label] of read) selected.set(key, label)
    filters.push({ column, fk, target, choices, selected })
  }
  return filters
}

async function cachedChoices(
  db: Kysely<any>,
  target: Resource,
  refColumn: string,
  options: FilterChoicesOptions,
): Promise<FilterChoices> {
  // A scoped target's choices depend on who asks: they are read every time, never shared between users.
  const cache = isScoped(target) ? undefined : options.cache
  const key = JSON.stringify([target.table.schema, target.table.name, refColumn])
  const cached = cache?.get(key)
  if (cached !== undefined) return cached
  const choices = await readChoices(db, target, refColumn, options)
  cache?.set(key, choices)
  return choices
}

async function readChoices(
  db: Kysely<any>,
  target: Resource,
  refColumn: string,
  { dialect, user }: Pick<FilterChoicesOptions, 'dialect' | 'user'>,
): Promise<FilterChoices> {
  const label = target.labelColumn ?? refColumn
  // No ORDER BY: this runs on list pages (once per cache period), and a big target without an index on its label would be
  // sorted whole each time. Reading one row past the limit says whether it is small; small ones sort here.
  const { rows } = await sql<Record<string, unknown>>`
    select ${selectList(target, [refColumn, label])} from ${rowSource(db, target, user)}
    limit ${maxChoices + 1}`.execute(db)
  const labelColumn = target.table.columns.find((c) => c.name === label)
  if (rows.length > maxChoices || !labelColumn) return null
  return [...rows]
    .sort((a, b) => byValue(a[label], b[label]))
    .map((row) => ({
      value: String(row[refColumn]),
      label: kindOf(labelColumn).format(row[label], labelColumn, { dialect: dialect.name, truncate: 60 }).text,
    }))
}

/** Numbers by size, anything else by its text in code-point order (the same on every machine); NULL last. */
function byValue(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1
  if (b === null || b === undefined) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return compare(String(a), String(b))
}
