import type { Context } from 'hono'
import type { RecordKey } from './edit-helpers.js'
import { ConflictPage } from '../../../views/pages/conflict-page.js'
import type { ConflictRow } from '../../../views/pages/edit-page-models.js'
import type { ReasonFieldModel } from '../../forms/change-reason.js'
import { formControl } from '../../forms/form-body.js'
import type { FieldSpec } from '../../forms/form-fields.js'
import { recordFormModel } from '../../forms/form-page-model.js'
import { fieldModels } from '../../forms/form-view-model.js'
import type { ParsedForm, Submitted } from '../../forms/parse-form.js'
import { kindOf } from '../../kinds/registry.js'
import { rowVersion } from '../../records/conflict.js'
import type { Row } from '../../records/update-record.js'
import type { Resource } from '../../resources/resource.js'
import type { AdminEnv } from '../admin-context.js'
import { recordTitle } from '../detail-view-model.js'
import { renderPage } from '../render-page.js'
import { formLookups } from './edit-lookups.js'
import { csrfPair } from './edit-helpers.js'
import { tableCrumbs } from './table-route-helpers.js'
import { recordName } from '../record-names.js'

/**
 * The row changed after the form was loaded. Shows, per field someone else changed, your value and the
 * current one, then the form again: your changes laid over the current row, with the current version,
 * so saving it re-applies exactly what you changed and nothing else of the old row.
 */
export async function showConflict(
  c: Context<AdminEnv>,
  resource: Resource,
  key: RecordKey,
  fields: readonly FieldSpec[],
  parsed: ParsedForm,
  current: Row,
  changedByOthers: readonly string[] | 'all',
  reason: ReasonFieldModel | null = null,
): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const dialect = admin.dialect.name
  const mine = new Set(parsed.changed)
  const yours = new Map<string, Submitted>([...parsed.submitted].filter(([name]) => mine.has(name)))
  const editable = fields.filter((field) => !field.readOnly)
  const theirNames =
    changedByOthers === 'all'
      ? editable.map((field) => field.column.name).filter((name) => mine.has(name))
      : changedByOthers
  const display = (name: string) => {
    const column = resource.table.columns.find((candidate) => candidate.name === name)!
    const value = current[name]
    return value === null || value === undefined ? 'NULL' : kindOf(column).format(value, column, { dialect }).text
  }
  const conflicts: ConflictRow[] = theirNames.map((name) => ({
    label: resource.columnLabels[name] ?? name,
    column: name,
    yours: mine.has(name) ? describe(yours.get(name)) : '(you did not change it)',
    theirs: display(name),
    bothChanged: mine.has(name),
  }))
  const lookups = await formLookups(c, fields, current)
  const models = fieldModels({ fields, mode: 'edit', dialect, stored: current, submitted: yours, lookups }).map(
    (field) =>
      mine.has(field.column) && theirNames.includes(field.column) ? { ...field, theirs: display(field.column) } : field,
  )
  const form = recordFormModel({
    action: urls.edit(resource.table, key.text),
    fields: models,
    hidden: [csrfPair(c), [formControl.version, rowVersion(resource.columns, current, dialect)]],
    cancelHref: urls.detail(resource.table, key.text),
    buttonLabel: 'Save my changes over the current row',
    fieldsets: resource.fieldsets,
    reason,
  })
  const title = recordTitle(resource, current, key.target.keyValues, dialect)
  return renderPage(
    c,
    {
      title: `Edit ${recordName(resource, title)}: changed meanwhile`,
      crumbs: [
        ...tableCrumbs(c, resource),
        { label: title, href: urls.detail(resource.table, key.text) },
        { label: 'Conflict' },
      ],
      current: resource.table,
    },
    <ConflictPage model={{ conflicts, form, reloadHref: urls.edit(resource.table, key.text) }} />,
    409,
  )
}

function describe(state: Submitted | undefined): string {
  if (!state) return ''
  switch (state.type) {
    case 'null':
      return 'NULL'
    case 'value':
      return state.input
    case 'file':
      return `${state.bytes.length.toLocaleString('en-US')} bytes from ${state.name}`
    default:
      return ''
  }
}
