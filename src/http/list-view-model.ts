import type { CellModel, ColumnHeader, FilterModel, ListPageModel, TableRowModel } from '../../views/view-model.js'
import type { Column, DialectName, ForeignKey } from '../introspect/metadata.js'
import { formatCount, groupDigits } from '../list/count-rows.js'
import { datePresets } from '../list/date-presets.js'
import { filterParam, listQuery, listState, type ListState } from '../list/list-query-string.js'
import { isSortable, pageSizes, type ListParams } from '../list/list-params.js'
import { backPairs, listBackQuery } from '../list/list-back.js'
import type { ForeignLabel } from '../list/foreign-labels.js'
import type { ListPage } from '../list/load-list-page.js'
import { foreignKeysShown } from '../list/load-list-page.js'
import { valueOf } from '../list/sql-identifiers.js'
import { encodeRecordKey } from '../records/record-key.js'
import { refSegment } from '../records/record-ref.js'
import { rowLinkText } from '../records/row-link.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { ComputedField, Resource } from '../resources/resource.js'
import type { FormatOptions, Kind } from '../kinds/kind.js'
import { kindOf } from '../kinds/registry.js'
import { cellFormat, computedCell, kindCell, isNumeric, numericKinds, textCell, valueFormat } from './cell-model.js'
import { csrfField } from './middleware/csrf.js'
import { backField, type OfferedAction } from './offered-actions.js'
import type { May } from './routes/table-route-helpers.js'
import { choiceValue } from '../forms/html-input-values.js'
import { queryString, type Urls } from './urls.js'
import { rowNoun } from './record-names.js'
import { choiceText } from '../kinds/choice-text.js'

export interface ListModelInput {
  readonly resource: Resource
  readonly params: ListParams
  readonly page: ListPage | null
  readonly error: string | null
  readonly resources: ResourceIndex
  readonly urls: Urls
  readonly dialect: DialectName
  /** What the user may do: which buttons and links to draw. */
  readonly may: May
  /** The CSRF token the selection form repeats (set when the write routes are registered). */
  readonly csrfToken: string | null
  /** The most rows a CSV export writes. */
  readonly exportMaxRows: number
  /** The custom actions offered on the selection (already allowed for this user; see `offeredActions`). */
  readonly actions?: readonly OfferedAction[]
  /** The list's own query string (without `?`): where an action on the selection comes back to. */
  readonly query?: string
  /** Milliseconds since the epoch: the moment the date filters' presets ("Today", "Last month") count from. */
  readonly today?: number
  /** The table holds more than `search.bigTableRows` rows: by its estimate, or a capped count when it has none (see `isBigTable`). */
  readonly bigTable?: boolean
}

const cellLength = 80
/** The longest keyset cursor put in a link (see `pagination`). */
const maxCursor = 2048

export function listPageModel(input: ListModelInput): ListPageModel {
  const { resource, params, page, urls } = input
  const state = listState(resource, params)
  const href = (s: ListState, position?: Parameters<typeof listQuery>[1]) =>
    urls.list(resource.table, listQuery(s, position))
  const columns = listedColumns(resource)
  // Without a sort of the user's, the list is in its default ordering: its first column shows as sorted.
  const current = params.sort ?? resource.ordering[0] ?? null
  const headers: ColumnHeader[] = columns.map((column) => {
    const sorted = current?.column === column.name ? (current.desc ? 'descending' : 'ascending') : null
    if (isComputed(column)) {
      const first = page?.rows.map((row) => row[column.name]).find((value) => value !== null && value !== undefined)
      return {
        name: column.name,
        label: column.label,
        sortHref: href({ ...state, sort: sorted === 'ascending' ? `-${column.name}` : column.name }),
        sorted,
        numeric: first !== undefined && isNumeric(first),
      }
    }
    return {
      name: column.name,
      label: resource.columnLabels[column.name] ?? column.name,
      sortHref: isSortable(column, input.dialect)
        ? href({ ...state, sort: `${nextSortDesc(column, sorted) ? '-' : ''}${column.name}` })
        : '',
      sorted,
      // A foreign key shows its target's label, which is text even when the key is a number.
      numeric: numericKinds.has(column.kind) && !resource.table.foreignKeys.some((fk) => fk.columns[0] === column.name),
    }
  })
  const searchKeep = listQuery({ ...state, q: '' })
  const filterKeep = listQuery({
    ...state,
    filters: state.filters.filter(([key]) => !filterFormKeys(resource).has(key)),
  })
  const writable = !resource.readOnly
  const deletable = writable && input.may('delete', resource.table)
  const buttons = [
    ...(deletable ? [{ label: 'Delete selected…', formAction: urls.bulkDelete(resource.table) }] : []),
    ...(input.actions ?? []).map((action) => ({
      label: action.asks ? `${action.label}…` : action.label,
      formAction: urls.bulkAction(resource.table, action.name),
    })),
  ]
  const selectable = buttons.length > 0
  return {
    heading: resource.label,
    kindLabel: kindLabel(resource),
    readOnlyReasons: resource.readOnlyReasons,
    createHref: writable && input.may('add', resource.table) ? urls.create(resource.table) : null,
    createLabel: `Add ${rowNoun(resource)}`,
    bulk:
      selectable && page && page.rows.length > 0
        ? {
            action: buttons[0]!.formAction,
            hidden: [[csrfField, input.csrfToken ?? ''], ...(input.query ? [[backField, input.query] as const] : [])],
            buttons,
          }
        : null,
    search:
      resource.searchFields.length > 0 || resource.searchPaths.length > 0 || resource.key.type !== 'columns'
        ? {
            action: urls.list(resource.table),
            q: params.q,
            keep: searchKeep,
            fields: searchHint(resource, (input.bigTable ?? false) && !params.searchAll),
          }
        : null,
    searchNote: page ? searchNote(resource, page, href({ ...state, searchAll: true })) : null,
    filterForm:
      resource.filterFields.length > 0
        ? { action: urls.list(resource.table), keep: filterKeep, filters: filterModels(input, state) }
        : null,
    activeFilters: activeFilters(input, state, href),
    clearHref: state.filters.length > 1 ? href({ ...state, filters: [] }) : null,
    columns: headers,
    rows: page ? rowModels(input, columns, page, selectable) : [],
    summary: page ? summary(page, params) : '',
    pagination: page ? pagination(page, params, state, href) : { first: null, prev: null, next: null, label: null },
    sizes: [...new Set([...pageSizes, resource.pageSize])]
      .sort((a, b) => a - b)
      .map((value) => ({
        value,
        href: href({ ...state, size: value === resource.pageSize ? null : value }),
        current: value === params.size,
      })),
    exportCsv: input.may('export', resource.table) ? exportLink(input, state) : null,
    error: input.error,
  }
}

function exportLink(input: ListModelInput, state: ListState): ListPageModel['exportCsv'] {
  const max = input.exportMaxRows
  // The page size is not the export's business: every row of the list is written, up to the cap.
  const href = input.urls.exportCsv(input.resource.table, listQuery({ ...state, size: null }))
  const count = input.page?.count
  const over = count !== undefined && (count.value > max || (count.value === max && count.precision === 'at-least'))
  return {
    href,
    title: `Download the rows of this list (search, filters and sort) as a CSV file, at most ${groupDigits(max)} rows`,
    truncatedNote: over ? `Exports only the first ${groupDigits(max)} rows` : null,
  }
}

/**
 * A header click toggles its column's direction; the first click on a date or time sorts newest first, as
 * one looks for the latest rows, and on any other column ascending.
 */
function nextSortDesc(column: Column, sorted: 'ascending' | 'descending' | null): boolean {
  if (sorted !== null) return sorted === 'ascending'
  return column.kind === 'date' || column.kind === 'datetime'
}

/** A list column: a column of the table, or a computed one. */
type Listed = Column | ComputedField

function isComputed(listed: Listed): listed is ComputedField {
  return 'node' in listed
}

/** The list's columns in their order: the table's and the computed ones. */
function listedColumns(resource: Resource): Listed[] {
  return resource.listColumns.flatMap((name): Listed[] => {
    const found =
      resource.columns.find((c) => c.name === name) ?? resource.computed.find((field) => field.name === name)
    return found ? [found] : []
  })
}

export function kindLabel(resource: Resource): string {
  const type =
    resource.table.type === 'table' ? 'Table' : resource.table.type[0]!.toUpperCase() + resource.table.type.slice(1)
  return `${type} ${resource.table.schema}.${resource.table.name}`
}

/** "Big table: searched only by the start of Email, Name; the exact Id.": what a search kept to its indexes looked at. */
function searchNote(resource: Resource, page: ListPage, allHref: string): ListPageModel['searchNote'] {
  const plan = page.searchPlan
  if (plan.kind !== 'indexed') return null
  const labels = (names: readonly string[]) => names.map((name) => resource.columnLabels[name] ?? name).join(', ')
  const parts = [
    plan.prefix.length > 0 ? `the start of ${labels(plan.prefix)}` : null,
    plan.anywhere.length > 0 ? `any part of ${labels(plan.anywhere)}` : null,
    plan.exact.length > 0 ? `the exact ${labels(plan.exact)}` : null,
  ].flatMap((part) => part ?? [])
  const text =
    parts.length > 0
      ? `Big table: searched only by ${parts.join('; ')}.`
      : 'Big table: no column has an index this search can use.'
  return { text, allHref }
}

function searchHint(resource: Resource, big: boolean): string {
  // A big table's default search keeps to its indexes (see `planSearch`); configured fields are searched in full.
  if (big && resource.searchDefaulted && resource.table.type !== 'view' && resource.searchFields.length > 0)
    return 'Big table: finds text at the start of indexed columns, or a row by an exact key or unique value.'
  const fields = [
    ...resource.searchFields.map((name) => resource.columnLabels[name] ?? name),
    ...resource.searchPaths.map((path) => path.label),
  ]
  const key = resource.key.type !== 'columns' && resource.key.columns.length === 1
  if (fields.length === 0) return 'Finds a row by its exact key.'
  return `Finds text in ${fields.join(', ')} (any case)${key ? ', or a row by its exact key' : ''}.`
}

/** Filter parameters the filter form sets itself; the other filters (e.g. from a related-rows link) are carried along. */
function filterFormKeys(resource: Resource): Set<string> {
  const keys = new Set<string>()
  for (const name of resource.filterFields) {
    for (const op of ['eq', 'gte', 'lte', 'null'] as const) keys.add(filterParam(name, op))
  }
  return keys
}

/** Number boxes accept only whole numbers unless told otherwise; a time range may name seconds. */
const rangeStep: Readonly<Record<string, string>> = { decimal: 'any', float: 'any', time: '1' }

function filterModels(input: ListModelInput, state: ListState): FilterModel[] {
  const { resource } = input
  const current = (key: string) => state.filters.find(([k]) => k === key)?.[1] ?? ''
  const models: FilterModel[] = []
  for (const name of resource.filterFields) {
    const column = resource.columns.find((c) => c.name === name)
    const computed = resource.computed.find((field) => field.name === name)
    const eq = filterParam(name, 'eq')
    if (computed) {
      const choices = input.page?.computedChoices.get(name)
      const selected = (value: string) => current(eq) === value
      models.push(
        choices
          ? {
              type: 'select',
              label: computed.label,
              name: eq,
              options: [
                { value: '', label: 'Any', selected: current(eq) === '' },
                ...choices.map((c) => ({ value: c.value, label: c.label, selected: selected(c.value) })),
              ],
            }
          : { type: 'text', label: computed.label, name: eq, value: current(eq), hint: 'Exact value.' },
      )
      continue
    }
    if (!column) continue
    const label = resource.columnLabels[name] ?? name
    const foreign = input.page?.foreignFilters.find((f) => f.column === name)
    const any = { value: '', label: 'Any', selected: current(eq) === '' }
    const option = (value: string, text: string) => ({ value, label: text, selected: current(eq) === value })
    if (foreign?.choices) {
      models.push({
        type: 'select',
        label,
        name: eq,
        options: [any, ...foreign.choices.map((c) => option(c.value, c.label))],
      })
    } else if (foreign) {
      models.push({
        type: 'text',
        label,
        name: eq,
        value: current(eq),
        hint: `The key of the ${rowNoun(foreign.target)}.`,
        // Too many rows for a select: the same search-as-you-type picker as the edit form's.
        lookup: `${input.urls.lookup(foreign.target.table)}${queryString([['column', foreign.fk.refColumns[0]!]])}`,
      })
    } else if (column.kind === 'boolean') {
      models.push({ type: 'select', label, name: eq, options: [any, option('true', 'Yes'), option('false', 'No')] })
    } else if (column.kind === 'enum' && column.choices) {
      const choices = column.choices
      // The empty value is "any": a choice that is itself '' is sent escaped, as on the edit form.
      models.push({
        type: 'select',
        label,
        name: eq,
        options: [
          any,
          ...column.choices.map((c) => option(choiceValue(c), c === '' ? '(empty text)' : choiceText(c, choices))),
        ],
      })
    } else if (['date', 'datetime', 'time', 'integer', 'bigint', 'decimal', 'float'].includes(column.kind)) {
      // Dates are typed as the list shows them (2024-01-31): a date input shows the browser's locale (01/31/2024).
      const dated = column.kind === 'datetime' || column.kind === 'date'
      const inputType = dated ? 'text' : column.kind === 'time' ? 'time' : 'number'
      const from = filterParam(name, 'gte')
      const to = filterParam(name, 'lte')
      models.push({
        type: 'range',
        label,
        inputType,
        ...(dated ? { placeholder: 'yyyy-mm-dd', pattern: String.raw`\d{4,}-\d{2}-\d{2}` } : {}),
        ...(rangeStep[column.kind] ? { step: rangeStep[column.kind] } : {}),
        from: { name: from, value: current(from) },
        to: { name: to, value: current(to) },
        ...(dated ? { presets: presetLinks(input, state, from, to) } : {}),
      })
    } else {
      models.push({ type: 'text', label, name: eq, value: current(eq), hint: 'Exact value.' })
    }
    if (column.nullable) {
      const key = filterParam(name, 'null')
      const value = current(key)
      models.push({
        type: 'select',
        label: `${label}: empty?`,
        name: key,
        options: [
          { value: '', label: 'Any', selected: value === '' },
          { value: '1', label: 'Empty (NULL)', selected: value === '1' },
          { value: '0', label: 'Not empty', selected: value === '0' },
        ],
      })
    }
  }
  return models
}

/** The date presets as links setting the range's two ends (and going back to the first page), the chosen one marked. */
function presetLinks(input: ListModelInput, state: ListState, from: string, to: string) {
  const others = state.filters.filter(([key]) => key !== from && key !== to)
  const value = (key: string) => state.filters.find(([k]) => k === key)?.[1] ?? null
  return datePresets(input.today ?? Date.now()).map((preset) => {
    const set: [string, string][] = [
      ...(preset.from ? [[from, preset.from] as [string, string]] : []),
      ...(preset.to ? [[to, preset.to] as [string, string]] : []),
    ]
    return {
      label: preset.label,
      href: input.urls.list(input.resource.table, listQuery({ ...state, filters: [...others, ...set] })),
      current: value(from) === preset.from && value(to) === preset.to,
    }
  })
}

function activeFilters(input: ListModelInput, state: ListState, href: (s: ListState) => string) {
  const { resource, params } = input
  return params.filters.flatMap((filter) => {
    const label =
      resource.columnLabels[filter.column] ??
      resource.computed.find((field) => field.name === filter.column)?.label ??
      filter.column
    const foreign = input.page?.foreignFilters.find((f) => f.column === filter.column)
    return filter.raw.map((raw, i) => {
      const key = filterParam(filter.column, filter.op)
      const value = filter.values[i]
      const column = resource.columns.find((c) => c.name === filter.column)
      const shown =
        foreign?.selected.get(encodeRecordKey([value]))?.text ??
        (value === ''
          ? '(empty text)'
          : column?.kind === 'enum' && typeof value === 'string'
            ? choiceText(value, column.choices ?? [])
            : raw)
      const text =
        filter.op === 'null'
          ? `${label} ${raw === '1' ? 'is empty' : 'is not empty'}`
          : `${label} ${filter.op === 'gte' ? '≥' : filter.op === 'lte' ? '≤' : '='} ${shown}`
      const remaining = state.filters.filter(([k, v]) => !(k === key && v === raw))
      return { label: text, removeHref: href({ ...state, filters: remaining }) }
    })
  })
}

function rowModels(
  input: ListModelInput,
  columns: readonly Listed[],
  page: ListPage,
  selectable: boolean,
): TableRowModel[] {
  const plan = rowPlan(input, columns)
  return page.rows.map((row, i) => rowModel(input, plan, row, selectable ? i + 1 : null))
}

/** What every row of the page shares, worked out once per page rather than once per row (issue 9). */
interface RowPlan {
  readonly columns: readonly Listed[]
  /** The column carrying the row's own link (see `rowPlan`); undefined when every column links elsewhere. */
  readonly linkColumn: string | undefined
  /** Per column: the foreign key it shows by its label, the labels loaded for it, and whether its target may be opened. */
  readonly foreign: readonly (ForeignColumn | undefined)[]
  /** Per column: its kind (undefined for a computed one) and how the kind formats a cell (see `cellFormat`). */
  readonly kinds: readonly (Kind | undefined)[]
  readonly formats: readonly FormatOptions[]
  /** A row's link up to its key: `urls.detail(table, '')`. */
  readonly detailPrefix: string
  /** `?back=…`: the list as it is (filters, sort, page), carried by each row's link so its pages can return to it. */
  readonly back: string
}

interface ForeignColumn {
  readonly fk: ForeignKey
  readonly target: Resource
  readonly labels: ReadonlyMap<string, ForeignLabel> | undefined
  /** The link to a target row up to its key; null when the user may not open the target (it is named, not linked). */
  readonly detailPrefix: string | null
  /** `Customer `: the label's title, before the key value. */
  readonly titlePrefix: string
}

function rowPlan(input: ListModelInput, columns: readonly Listed[]): RowPlan {
  const { resource, page, urls } = input
  const fks = foreignKeysShown(resource, input.resources)
  // The row's own link goes on a column that does not already link elsewhere (a foreign key shown by its
  // label links to the row it names): the first such key column, else the first such column.
  const foreignLinked = new Set(fks.map(({ fk }) => fk.columns[0]))
  const linkable = columns.filter((c) => !isComputed(c) && !foreignLinked.has(c.name))
  const linkColumn = linkable.find((c) => resource.key.columns.includes(c.name))?.name ?? linkable[0]?.name
  const foreign = columns.map((column): ForeignColumn | undefined => {
    const via = isComputed(column) ? undefined : fks.find(({ fk }) => fk.columns[0] === column.name)
    if (!via) return undefined
    return {
      fk: via.fk,
      target: via.target,
      labels: page?.foreignLabels.get(via.fk.name),
      detailPrefix: input.may('view', via.target.table) ? urls.detail(via.target.table, '') : null,
      titlePrefix: `${via.target.singular} `,
    }
  })
  return {
    columns,
    linkColumn,
    foreign,
    kinds: columns.map((column) => (isComputed(column) ? undefined : kindOf(column))),
    formats: columns.map((column) => cellFormat(input.dialect, valueFormat(resource, column.name), cellLength)),
    detailPrefix: urls.detail(resource.table, ''),
    back: queryString(backPairs({ query: listBackQuery(resource, input.params) })),
  }
}

/** `position` (1-based on the page) is given when the row can be selected for a bulk delete. */
function rowModel(
  input: ListModelInput,
  plan: RowPlan,
  row: Readonly<Record<string, unknown>>,
  position: number | null,
): TableRowModel {
  const { resource } = input
  const { linkColumn, columns } = plan
  const ref = rowLinkText(resource, row, input.dialect)
  // No link at all rather than one that ends in "not found" (see rowLinkText).
  const detail = ref === null ? undefined : `${plan.detailPrefix}${refSegment(ref)}${plan.back}`
  const cells: CellModel[] = new Array(columns.length)
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!
    const value = row[column.name]
    const kind = plan.kinds[i]
    if (kind === undefined) {
      cells[i] = computedCell(value, cellLength)
      continue
    }
    const via = plan.foreign[i]
    if (via && value !== null && value !== undefined) {
      const { columns: names } = via.fk
      const label = via.labels?.get(encodeRecordKey(names.length === 1 ? [value] : names.map((n) => row[n])))
      if (label) {
        const href = via.detailPrefix === null ? undefined : `${via.detailPrefix}${label.key}`
        cells[i] = textCell(label.text, href, `${via.titlePrefix}${String(value)}`)
        continue
      }
    }
    cells[i] = kindCell(
      kind,
      column as Column,
      value,
      plan.formats[i]!,
      column.name === linkColumn ? detail : undefined,
    )
  }
  // Every listed column links elsewhere (a junction table of two foreign keys): a cell of its own opens the row.
  const label = (verb: string) =>
    rowLabel(
      verb,
      resource,
      resource.key.columns.map((name) => valueOf(resource, row, name)),
      position,
    )
  const open = linkColumn === undefined && detail !== undefined ? { href: detail, label: label('Open') } : undefined
  const model: Mutable<TableRowModel> = { href: detail ?? null, cells }
  if (open) model.open = open
  if (position !== null && ref !== null) model.select = { value: ref, label: label('Select') }
  return model
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** "Select row 42" / "Open row 7, 3" by the key a user sees in the key column; a long or many-column key by its place on the page. */
function rowLabel(verb: string, resource: Resource, keyValues: readonly unknown[], position: number | null): string {
  const plain = keyValues.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint')
  const shown =
    plain && resource.key.type !== 'columns' && keyValues.length <= 3 ? keyValues.map(String).join(', ') : ''
  if (shown !== '' && shown.length <= 40) return `${verb} row ${shown}`
  return position === null ? `${verb} this row` : `${verb} row ${position} on this page`
}

function summary(page: ListPage, params: ListParams): string {
  const total = formatCount(page.count)
  const noun = page.count.value === 1 && page.count.precision === 'exact' ? 'row' : 'rows'
  const note = page.count.precision === 'estimate' ? ' (estimated)' : ''
  if (page.rows.length === 0) return `${total} ${noun}${note}`
  if (page.ordering.keyset) return `Showing ${page.rows.length} of ${total} ${noun}${note}`
  const start = (params.page - 1) * params.size + 1
  return `Rows ${groupDigits(start)}–${groupDigits(start + page.rows.length - 1)} of ${total}${note}`
}

function pagination(page: ListPage, params: ListParams, state: ListState, href: (s: ListState, p?: object) => string) {
  if (page.ordering.keyset) {
    const moved = params.after !== null || params.before !== null || params.page > 1
    // A cursor holding a huge value (a 20,000-character key) would make a URL the server refuses: a page
    // reached by number goes on by number instead; from a cursor page there is then no such link.
    const numbered = params.after === null && params.before === null
    const step = (cursor: string | null, name: 'before' | 'after', to: number) =>
      !cursor
        ? null
        : cursor.length <= maxCursor
          ? href(state, { [name]: cursor })
          : numbered && to >= 1
            ? href(state, { page: to })
            : null
    return {
      first: moved ? href(state) : null,
      prev: step(page.prevCursor, 'before', params.page - 1),
      next: step(page.nextCursor, 'after', params.page + 1),
      label: null,
    }
  }
  const pages = page.count.precision === 'exact' ? Math.max(1, Math.ceil(page.count.value / params.size)) : null
  return {
    first: params.page > 1 ? href(state) : null,
    prev: params.page > 1 ? href(state, { page: params.page - 1 }) : null,
    next: page.hasNext ? href(state, { page: params.page + 1 }) : null,
    label: `Page ${groupDigits(params.page)}${pages ? ` of ${groupDigits(pages)}` : ''}`,
  }
}
