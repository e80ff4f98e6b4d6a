import type { DetailField, DetailPageModel, RelatedPanel } from '../../views/view-model.js'
import type { DialectName } from '../introspect/metadata.js'
import { fieldGroups } from '../forms/field-groups.js'
import type { ForeignLabel } from '../list/foreign-labels.js'
import type { Row } from '../list/load-list-page.js'
import { encodeRecordKey } from '../records/record-key.js'
import type { Resource } from '../resources/resource.js'
import { cellFor, computedCell, textCell, valueFormat } from './cell-model.js'
import { kindLabel } from './list-view-model.js'
import type { May } from './routes/table-route-helpers.js'
import type { Urls } from './urls.js'
import { csrfField } from './middleware/csrf.js'
import type { OfferedAction } from './offered-actions.js'

export interface DetailModelInput {
  readonly resource: Resource
  readonly row: Row
  readonly duplicated: boolean
  readonly key: string
  /** Labels of the rows this row's foreign keys point at, by FK name. */
  readonly outgoing: ReadonlyMap<string, { readonly target: Resource; readonly label: ForeignLabel | undefined }>
  readonly related: readonly RelatedPanel[]
  /** The row's computed columns' values, by name (see `readComputed`). */
  readonly computed?: Readonly<Record<string, unknown>>
  readonly urls: Urls
  readonly dialect: DialectName
  /** What the user may do: which buttons and links to draw. */
  readonly may: May
  /** Whether writes are audited: the page then links to the record's history. */
  readonly audited?: boolean
  /** The list the page was opened from, and the rows around this one in it (see `listBackOf`, `loadNeighbourRows`). */
  readonly context?: RecordContext
  /** The custom actions offered on this record (already allowed for this user; see `offeredActions`). */
  readonly actions?: readonly OfferedAction[]
  /** The CSRF token an action's button posts. */
  readonly csrfToken?: string | null
}

/** Where a record page goes back to, and its neighbours in that list; hrefs complete with their `back`. */
export interface RecordContext {
  readonly listHref: string
  /** `?back=…` (or ''), appended to the record's own pages so they keep the list too. */
  readonly suffix: string
  readonly prevHref: string | null
  readonly nextHref: string | null
}

export function detailPageModel(input: DetailModelInput): DetailPageModel {
  const { resource, row, urls } = input
  const fields: DetailField[] = resource.columns.map((column) => {
    const value = row[column.name]
    const fk = resource.table.foreignKeys.find((f) => f.columns[0] === column.name)
    const link = fk ? input.outgoing.get(fk.name) : undefined
    const cell =
      link?.label && value !== null && value !== undefined
        ? textCell(
            `${link.label.text}`,
            input.may('view', link.target.table) ? urls.detail(link.target.table, link.label.key) : undefined,
            `${link.target.singular} ${String(value)}`,
          )
        : cellFor(column, value, input.dialect, undefined, undefined, valueFormat(resource, column.name))
    return {
      name: column.name,
      label: resource.columnLabels[column.name] ?? column.name,
      type: column.dataType || column.kind,
      cell,
    }
  })
  for (const field of resource.computed) {
    if (input.computed && Object.hasOwn(input.computed, field.name)) {
      fields.push({
        name: field.name,
        label: field.label,
        type: 'computed',
        cell: computedCell(input.computed[field.name]),
      })
    }
  }
  const writable = !resource.readOnly && !input.duplicated
  const { context } = input
  const suffix = context?.suffix ?? ''
  return {
    heading: resource.label,
    kindLabel: kindLabel(resource),
    readOnlyReasons: resource.readOnlyReasons,
    duplicated: input.duplicated,
    fields,
    groups: fieldGroups(fields, resource.fieldsets, (field) => field.name),
    related: input.related,
    listHref: context?.listHref ?? urls.list(resource.table),
    editHref: writable && input.may('change', resource.table) ? urls.edit(resource.table, input.key) + suffix : null,
    deleteHref:
      writable && input.may('delete', resource.table) ? urls.delete(resource.table, input.key) + suffix : null,
    historyHref: input.audited ? urls.history(resource.table, input.key) : null,
    prevHref: context?.prevHref ?? null,
    nextHref: context?.nextHref ?? null,
    // A key matching several rows names no one row to run an action on.
    actions: input.duplicated
      ? []
      : (input.actions ?? []).map((action) => ({
          label: action.asks ? `${action.label}…` : action.label,
          href: urls.rowAction(resource.table, input.key, action.name),
          post: !action.asks,
        })),
    actionHidden: [[csrfField, input.csrfToken ?? '']],
  }
}

const maxTitle = 80

/** A short title for a row: its label column's value, else its key values. */
export function recordTitle(
  resource: Resource,
  row: Row,
  keyValues: readonly unknown[] | null,
  dialect: DialectName,
): string {
  const column = resource.table.columns.find((c) => c.name === resource.labelColumn)
  if (column) {
    const shown = cellFor(column, row[column.name], dialect, 60)
    if (!shown.isNull && !shown.isEmpty) return shown.text
  }
  // A row found by its rowid (its key holds NULL) is titled by the key as stored; a long key is cut short.
  const values = keyValues ?? resource.key.columns.map((name) => row[name])
  const title = values.length > 0 && values.length <= 3 ? values.map(String).join(', ') : encodeRecordKey(values)
  return title.length > maxTitle ? `${title.slice(0, maxTitle)}…` : title
}
