import type { Column, DialectName, ForeignKey } from '../introspect/metadata.js'
import type { WidgetSpec } from '../kinds/kind.js'
import { kindOf } from '../kinds/registry.js'
import type { Resource } from '../resources/resource.js'

export type FormMode = 'create' | 'edit'

/** One column as a form shows it: whether it can be written, what leaving it empty means. */
export interface FieldSpec {
  readonly column: Column
  readonly label: string
  readonly widget: WidgetSpec
  /** Shown as text only, never read from a submission. */
  readonly readOnly: boolean
  /** Why, for the hint beside it. */
  readonly readOnlyReason: string | null
  /** On create, an empty input means "let the database choose" (a default, identity or serial). */
  readonly defaultOnEmpty: boolean
  /** The kind has no empty value (a number, a date…): an empty input means NULL or the default, never ''. */
  readonly emptyIsAbsent: boolean
  /** NOT NULL, no default, and the kind has no empty value: the user must fill it in. */
  readonly required: boolean
  /** The single-column foreign key this column is, for the picker. */
  readonly foreignKey: ForeignKey | null
}

/** The fields of a create or edit form, in table order, for the resource's visible columns. */
export function formFields(resource: Resource, mode: FormMode, dialect: DialectName): FieldSpec[] {
  const keyIsFixed = mode === 'edit' && resource.key.type === 'primary'
  return resource.columns.map((column) => {
    const kind = kindOf(column)
    const readOnlyReason =
      column.generated !== null
        ? 'computed by the database'
        : column.identity === 'always'
          ? 'assigned by the database'
          : keyIsFixed && resource.key.columns.includes(column.name)
            ? 'part of the primary key'
            : null
    const dbChooses = column.default !== null || column.autoIncrement || column.identity !== null
    const emptyIsAbsent = !kind.parse('', column, dialect).ok || kind.name === 'binary'
    return {
      column,
      label: resource.columnLabels[column.name] ?? column.name,
      widget: kind.widget(column, dialect),
      readOnly: readOnlyReason !== null,
      readOnlyReason,
      defaultOnEmpty: mode === 'create' && dbChooses,
      emptyIsAbsent,
      required: !column.nullable && !(mode === 'create' && dbChooses) && emptyIsAbsent,
      foreignKey:
        resource.table.foreignKeys.find((fk) => fk.columns.length === 1 && fk.columns[0] === column.name) ?? null,
    }
  })
}
