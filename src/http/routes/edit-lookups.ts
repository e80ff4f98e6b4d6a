import type { Kysely } from 'kysely'
import type { DialectName } from '../../introspect/metadata.js'
import { loadForeignLabels } from '../../list/foreign-labels.js'
import type { FieldSpec } from '../../forms/form-fields.js'
import type { Reader } from '../../records/scoped-from.js'
import type { ResourceIndex } from '../../resources/resource-index.js'
import type { LookupModel } from '../../forms/field-model.js'
import { queryString, type Urls } from '../urls.js'

/**
 * The pickers of a form's single-column foreign keys, with the label of the row each current value
 * points at (one query per foreign key, as on list pages).
 */
export async function formLookups(
  db: Kysely<any>,
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, unknown>>,
  resources: ResourceIndex,
  urls: Urls,
  dialect: DialectName,
  /** Who edits: a current value pointing at a row outside its table's scope shows as the raw value. */
  user: Reader,
): Promise<Map<string, LookupModel>> {
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
