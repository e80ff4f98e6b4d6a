import type { DeleteEffectModel } from '../../views/pages/edit-page-models.js'
import type { DialectName, ReferentialAction } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import type { Row } from '../list/load-list-page.js'
import { filterParam } from '../list/list-query-string.js'
import type { DeleteEffect } from '../records/delete-preview.js'
import type { ResourceIndex } from '../resources/resource-index.js'
import type { Resource } from '../resources/resource.js'
import { countOf, inSentence } from '../resources/table-names.js'
import type { Urls } from './urls.js'

export interface DeleteEffectsInput {
  /** The table rows are deleted from. */
  readonly resource: Resource
  /** The rows being deleted, or null when not all of them were read (a long selection): no links then. */
  readonly rows: readonly Row[] | null
  /** The tables this user may view: only those are linked. */
  readonly visible: ResourceIndex
  readonly urls: Urls
  readonly dialect: DialectName
}

/** The engine's words, for the developer details only. */
const onDeleteText: Readonly<Record<ReferentialAction, string>> = {
  cascade: 'ON DELETE CASCADE',
  'set null': 'ON DELETE SET NULL',
  'set default': 'ON DELETE SET DEFAULT',
  restrict: 'ON DELETE RESTRICT',
  'no action': 'ON DELETE NO ACTION',
}

/**
 * One delete-preview relation in words a support person reads ("46 orders"), linked to exactly those rows:
 * the referencing table's list filtered on the foreign key (`f.customer_id=42`). Only rows pointing at the
 * deleted rows themselves can be named by such a filter; rows further down a cascade are counted, not linked.
 */
export function deleteEffectModel(input: DeleteEffectsInput, effect: DeleteEffect): DeleteEffectModel {
  const { schema, name } = effect.table
  const child = input.visible.get(schema, name)
  const fk = effect.foreignKey
  const names = child ? { singular: child.singular, plural: child.label } : { singular: name, plural: name }
  const fieldLabels = fk.columns.map((column) => child?.columnLabels[column] ?? column).join(', ')
  const action = fk.onDelete === 'set default' ? 'set to its default' : 'cleared'
  return {
    countText: countOf(names, effect.count, effect.capped),
    href: child && effect.depth === 1 ? filteredList(input, child, fk) : null,
    via: fieldLabels,
    note:
      fk.onDelete === 'set null' || fk.onDelete === 'set default'
        ? `will be kept, with the ${inSentence(fieldLabels)} ${action}`
        : null,
    depth: effect.depth,
    technical: `${name} (${fk.columns.join(', ')}) ${onDeleteText[fk.onDelete]}`,
  }
}

/** The list of `child` rows pointing at the deleted rows; null when a list filter cannot say which. */
function filteredList(input: DeleteEffectsInput, child: Resource, fk: DeleteEffect['foreignKey']): string | null {
  const rows = input.rows
  if (!rows || rows.length === 0) return null
  // Several rows over a composite key would need (a, b) in ((1, 2), (3, 4)): no filter says that.
  if (rows.length > 1 && fk.columns.length > 1) return null
  const pairs: [string, string][] = []
  for (const [i, name] of fk.columns.entries()) {
    const column = child.columns.find((c) => c.name === name)
    const operators = column ? kindOf(column).filterOperators : []
    if (!column || !(operators.includes('eq') || operators.includes('in'))) return null
    for (const row of rows) {
      const value = row[fk.refColumns[i]!]
      if (value === null || value === undefined) return null
      pairs.push([filterParam(name, 'eq'), kindOf(column).toInput(value, column, input.dialect)])
    }
  }
  return input.urls.list(child.table, pairs)
}
