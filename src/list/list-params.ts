import { z } from 'zod'
import { columnStorage } from '../db/column-storage.js'
import { dialectFor } from '../db/dialects.js'
import type { Column, DialectName } from '../introspect/metadata.js'
import type { FilterOperator } from '../kinds/kind.js'
import { kindOf } from '../kinds/registry.js'
import { readDate, readDateTime } from '../kinds/temporal-text.js'
import { decodeRecordKey, type KeyValue } from '../records/record-key.js'
import { typedKeyValues } from '../records/typed-key-values.js'
import type { Resource, SortTerm } from '../resources/resource.js'
import { resolveOrdering } from './ordering.js'
import { maxSearchWords, searchWords } from './search-words.js'
import { readChoice } from '../forms/html-input-values.js'

/** Page sizes offered; a resource's own default is added when it is not one of them. */
export const pageSizes = [25, 50, 100, 200] as const

/** One condition from the URL: `f.col=v` (repeatable: any of), `f.col.gte=v`, `f.col.lte=v`, `f.col.null=1|0`. */
export interface Filter {
  readonly column: string
  readonly op: Exclude<FilterOperator, 'in'>
  /** Values as the kind parsed them, ready to bind; for `null`, `[true]` (is null) or `[false]`. */
  readonly values: readonly unknown[]
  /** The values as written in the URL, to rebuild links. */
  readonly raw: readonly string[]
}

export interface ListParams {
  readonly q: string
  /** `search=all`: search every search field by substring even where a big table would keep to its indexes. */
  readonly searchAll: boolean
  /** The user's sort; null for the resource's default ordering. */
  readonly sort: SortTerm | null
  readonly page: number
  /** Keyset position: the ordering columns' values of the row to continue after (or before). */
  readonly after: readonly unknown[] | null
  readonly before: readonly unknown[] | null
  readonly size: number
  readonly filters: readonly Filter[]
}

export type ParsedListParams =
  { readonly ok: true; readonly params: ListParams } | { readonly ok: false; readonly problems: string[] }

const Scalars = z.object({
  q: z.string().max(500, 'at most 500 characters').optional(),
  search: z.literal('all', { error: 'only "all" (search every column)' }).optional(),
  sort: z.string().min(1).optional(),
  page: z.coerce
    .number({ error: 'a page number' })
    .int('a whole page number')
    .min(1, 'pages start at 1')
    .max(10_000_000)
    .optional(),
  size: z.coerce.number({ error: 'a number of rows' }).int().optional(),
  after: z.string().optional(),
  before: z.string().optional(),
})
type Scalars = z.infer<typeof Scalars>

const filterKey = /^f\.(.+?)(?:\.(gte|lte|null))?$/

/**
 * Turns a list page's query string into typed params before any query is built. Only known columns
 * (not hidden) and operators the column's kind allows pass; values are parsed by the kind, so a bad
 * value is a message here rather than a database error later. Empty values (an unset form field) are ignored.
 */
export function parseListParams(query: URLSearchParams, resource: Resource, dialect: DialectName): ParsedListParams {
  const problems: string[] = []
  const scalars: Record<string, string> = {}
  const filterPairs: [string, string][] = []
  for (const [key, value] of query) {
    if (key.startsWith('f.')) filterPairs.push([key, value])
    else if (key in scalars) problems.push(`"${key}" is given more than once`)
    else scalars[key] = value
  }
  for (const key of ['page', 'size', 'after', 'before', 'sort', 'search']) if (scalars[key] === '') delete scalars[key]
  // Field by field, so that one page lists every problem of the address at once.
  const data: Scalars = {}
  for (const [key, value] of Object.entries(scalars)) {
    const field = Scalars.shape[key as keyof Scalars]
    if (!field) {
      problems.push(`unknown parameter "${key}"`)
      continue
    }
    const result = field.safeParse(value)
    if (result.success) Object.assign(data, { [key]: result.data })
    else problems.push(`"${key}": ${result.error.issues[0]?.message ?? 'not valid'}`)
  }
  const { q = '', page = 1, after, before } = data
  if (searchWords(q).length > maxSearchWords)
    problems.push(`"q": at most ${maxSearchWords} words; put a phrase in quotes to search for it whole`)
  const columns = new Map(resource.columns.map((column) => [column.name, column]))
  const computed = new Set(resource.computed.map((field) => field.name))

  let sort: SortTerm | null = null
  if (data.sort) {
    const name = data.sort.replace(/^-/, '')
    const column = columns.get(name)
    if (!column && computed.has(name)) sort = { column: name, desc: data.sort.startsWith('-') }
    else if (!column) problems.push(`"sort": unknown column "${name}"`)
    else if (!isSortable(column, dialect)) problems.push(`"sort": ${name} holds values that cannot be put in order`)
    else sort = { column: name, desc: data.sort.startsWith('-') }
  }

  const sizes: readonly number[] = [...pageSizes, resource.pageSize]
  const size = data.size ?? resource.pageSize
  if (!sizes.includes(size))
    problems.push(`"size": choose one of ${[...new Set(sizes)].sort((a, b) => a - b).join(', ')}`)

  const filters = parseFilters(filterPairs, { columns, computed }, dialect, problems)

  const cursors: Record<'after' | 'before', readonly unknown[] | null> = { after: null, before: null }
  if (after !== undefined && before !== undefined) problems.push('"after" and "before" cannot both be given')
  for (const [name, text] of [
    ['after', after],
    ['before', before],
  ] as const) {
    if (text === undefined) continue
    const ordering = resolveOrdering(resource, sort)
    const values = decodeRecordKey(text)
    if (!ordering.keyset) problems.push(`"${name}": this ordering pages by number; use "page"`)
    else if (!values || values.length !== ordering.terms.length) problems.push(`"${name}": not a valid position`)
    else {
      const typed = typedKeyValues(
        resource,
        ordering.terms.map((term) => term.column),
        values,
        dialect,
      )
      if (typed) cursors[name] = typed
      else problems.push(`"${name}": not a valid position`)
    }
    if (page !== 1) problems.push(`"${name}" and "page" cannot both be given`)
  }

  if (problems.length > 0) return { ok: false, problems }
  const searchAll = data.search === 'all'
  return {
    ok: true,
    params: { q: q.trim(), searchAll, sort, page, after: cursors.after, before: cursors.before, size, filters },
  }
}

/** Whether a list can be ordered by the column: the engine must have an ordering for its type. */
export function isSortable(column: Pick<Column, 'baseType'>, dialect: DialectName): boolean {
  return !columnStorage[dialect].unorderedTypes.has(column.baseType)
}

function parseFilters(
  pairs: readonly [string, string][],
  { columns, computed }: { columns: ReadonlyMap<string, Resource['columns'][number]>; computed: ReadonlySet<string> },
  dialect: DialectName,
  problems: string[],
): Filter[] {
  const range = dialectFor(dialect).values.temporalRange
  const grouped = new Map<string, { column: string; op: Filter['op']; raw: string[] }>()
  for (const [key, value] of pairs) {
    const match = filterKey.exec(key)
    const name = match?.[1] ?? ''
    const op = (match?.[2] ?? 'eq') as Filter['op']
    const column = columns.get(name)
    if (!column && computed.has(name)) {
      // A computed value is matched by its text (see `listWhere`): there is no column type to parse it by.
      if (op !== 'eq') problems.push(`"${key}": ${name} cannot be filtered with "${op}"`)
      else if (value !== '') grouped.set(key, { column: name, op, raw: [...(grouped.get(key)?.raw ?? []), value] })
      continue
    }
    if (!column) {
      problems.push(`"${key}": unknown column "${name}"`)
      continue
    }
    const allowed = kindOf(column).filterOperators
    const supported =
      op === 'eq'
        ? allowed.includes('eq') || allowed.includes('in')
        : allowed.includes(op) && (op !== 'null' || column.nullable)
    if (!supported) {
      problems.push(`"${key}": ${column.name} cannot be filtered with "${op}"`)
      continue
    }
    if (value === '') continue
    const entry = grouped.get(key) ?? { column: name, op, raw: [] }
    entry.raw.push(value)
    grouped.set(key, entry)
  }
  const filters: Filter[] = []
  for (const [key, entry] of grouped) {
    const column = columns.get(entry.column)
    if (!column) {
      filters.push({ ...entry, values: entry.raw })
      continue
    }
    if (entry.op !== 'eq' && entry.raw.length > 1) {
      problems.push(`"${key}" is given more than once`)
      continue
    }
    if (entry.op === 'null') {
      const raw = entry.raw[0]
      if (raw !== '1' && raw !== '0') problems.push(`"${key}": use 1 (is empty) or 0 (is not empty)`)
      else filters.push({ ...entry, values: [raw === '1'] })
      continue
    }
    const values: unknown[] = []
    for (const raw of entry.raw) {
      // A timestamp range may be given by whole days (the filter form's date inputs). SQLite compares
      // timestamps as text, so other input is put in the stored shape: `2024-01-31 10:00:00`, not `…T10:00`.
      if (column.kind === 'datetime' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) {
        const day = readDate(raw)
        if (day !== undefined && (range?.holds(day, 'date') ?? true)) values.push(day)
        else problems.push(`"${key}": ${raw} is not a day of the calendar`)
        continue
      }
      const input =
        column.kind === 'datetime'
          ? (readDateTime(raw.replace(/^(\d{4}-\d{2}-\d{2})T/, '$1 ')) ?? raw)
          : column.kind === 'enum'
            ? (readChoice(raw) ?? raw)
            : raw
      const result = kindOf(column).parse(input, column, dialect)
      if (result.ok) values.push(result.value)
      else problems.push(`"${key}": ${result.message}`)
    }
    filters.push({ ...entry, values })
  }
  return filters
}
