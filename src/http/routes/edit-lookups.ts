import type { Context } from 'hono'
import { loadForeignLabels } from '../../list/foreign-labels.js'
import type { FieldSpec } from '../../forms/form-fields.js'
import type { LookupModel } from '../../forms/field-model.js'
import type { AdminEnv } from '../admin-context.js'
import { queryString } from '../urls.js'
import { visibleResources } from './table-route-helpers.js'

/**
 * The pickers of a form's single-column foreign keys, with the label of the row each current value
 * points at (one query per foreign key, as on list pages).
 */
export async function formLookups(
  c: Context<AdminEnv>,
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, unknown>>,
): Promise<Map<string, LookupModel>> {
  const {
    db,
    dialect: { name: dialect },
  } = c.get('admin')
  const urls = c.get('urls')
  const resources = visibleResources(c)
  // Who edits: a current value pointing at a row outside its table's scope shows as the raw value.
  const user = c.get('principal')
  const lookups = new Map<string, LookupModel>()
  for (const field of fields) {
    const fk = field.foreignKey
    if (!fk || field.readOnly) continue
    const target = resources.get(fk.refSchema, fk.refTable)
    if (!target) continue
    const value = values[field.column.name]
    let currentLabel: string | null = null
    let currentHref: string | null = null
    if (value !== null && value !== undefined && value !== '') {
      // A label is a courtesy: without it the picker shows the value itself and the form still saves; the
      // referenced table failing to read is reported by its own pages.
      const labels = await loadForeignLabels(db, target, fk, [[value]], { dialect, user }).catch(() => new Map())
      const found = [...labels.values()][0]
      if (found) {
        currentLabel = found.text
        currentHref = urls.detail(target.table, found.key)
      }
    }
    lookups.set(field.column.name, {
      url: `${urls.lookup(target.table)}${queryString([['column', fk.refColumns[0]!]])}`,
      listHref: urls.list(target.table),
      targetLabel: target.label,
      currentLabel,
      currentHref,
    })
  }
  return lookups
}
