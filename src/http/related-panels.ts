import type { RelatedPanel } from '../../views/view-model.js'
import type { DialectName, ForeignKey } from '../introspect/metadata.js'
import { formatCount } from '../list/count-rows.js'
import { filterParam } from '../list/list-query-string.js'
import { encodeRecordKey } from '../records/record-key.js'
import { refSegment } from '../records/record-ref.js'
import type { RelatedRows } from '../records/related-rows.js'
import { rowLinkText } from '../records/row-link.js'
import type { Resource } from '../resources/resource.js'
import { cellFor, textCell, valueFormat } from './cell-model.js'
import type { May } from './routes/table-route-helpers.js'
import { queryString, type Urls } from './urls.js'
import { rowNoun } from './record-names.js'
import { inSentence } from '../resources/table-names.js'

export interface RelatedPanelsInput {
  /** The row's table. */
  readonly resource: Resource
  readonly related: readonly RelatedRows[]
  readonly urls: Urls
  readonly dialect: DialectName
  readonly may: May
}

/**
 * A panel per child: its count, first rows, a link to the child list filtered on this row, and (when the
 * user may add to the child and it can be written) a link to the child's create form with the foreign key
 * filled in. A child that could not be read gets a message in its own panel.
 */
export function relatedPanels(input: RelatedPanelsInput): RelatedPanel[] {
  const { urls, may } = input
  return input.related.flatMap(({ child, fk, values, read }): RelatedPanel[] => {
    if (!may('view', child.table)) return []
    const listHref = urls.list(
      child.table,
      fk.columns.map((name, i) => [filterParam(name, 'eq'), String(values[i])]),
    )
    const fill = fk.columns.map((name, i) => [`f.${name}`, String(values[i])] as const)
    const addHref =
      may('add', child.table) && !child.readOnly ? `${urls.create(child.table)}${queryString(fill)}` : null
    const listLabel =
      read && read.rows.length === 0
        ? `No ${inSentence(child.label)} yet: open the list`
        : `See all ${inSentence(child.label)} of this ${rowNoun(input.resource)}`
    const addLabel = `Add ${rowNoun(child)}`
    const base = { title: child.label, via: via(child, fk, input.resource), listHref, addHref, addLabel, listLabel }
    if (!read) {
      return [{ ...base, countText: 'unavailable', columns: [], rows: [], error: `${child.label} could not be read.` }]
    }
    return [
      {
        ...base,
        countText: formatCount(read.count),
        columns: read.columns.map((c) => child.columnLabels[c.name] ?? c.name),
        rows: read.rows.map((r) => {
          const ref = rowLinkText(child, r, input.dialect)
          const href = ref === null ? undefined : urls.detail(child.table, refSegment(ref))
          return {
            href: href ?? null,
            cells: read.columns.map((c, i) => {
              const value = r[c.name]
              // A foreign key is shown by the label of the row it points at, linked to it when the user may open it
              // (the first cell links to the panel's own row, whatever it shows).
              const shown = read.foreign.find((f) => f.fk.columns[0] === c.name)
              const label = shown?.labels.get(encodeRecordKey(shown.fk.columns.map((name) => r[name])))
              if (shown && label && value !== null && value !== undefined) {
                const mayOpen = may('view', shown.target.table)
                const link = i === 0 ? href : mayOpen ? urls.detail(shown.target.table, label.key) : undefined
                return textCell(label.text, link, `${shown.target.label} ${String(value)}`)
              }
              return cellFor(c, value, input.dialect, 60, i === 0 ? href : undefined, valueFormat(child, c.name))
            }),
          }
        }),
        error: null,
      },
    ]
  })
}

function via(child: Resource, fk: ForeignKey, target: Resource): string {
  return `${child.table.name} (${fk.columns.join(', ')}) → ${target.table.name} (${fk.refColumns.join(', ')})`
}
