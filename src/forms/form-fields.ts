import type { Column, DialectName, ForeignKey } from '../introspect/metadata.js'
import type { WidgetSpec } from '../kinds/kind.js'
import { kindOf } from '../kinds/registry.js'
import { withWidgetOverride } from '../resources/form-options.js'
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
  /** The config's line of help (`fields.<column>.help`). */
  readonly help: string | null
  /**
   * Edit with "Save as new": a primary key column the database does not generate, open so that the copy can
   * get a key of its own. Save itself keeps the key (a changed one is refused on the field).
   */
  readonly keyForNewRow: boolean
}

export interface FormFieldsOptions {
  /** The edit form offers "Save as new": natural key columns become editable (see `keyForNewRow`). */
  readonly saveAsNew?: boolean
}

/** The database fills the column in when an insert leaves it out (serial, identity, autoincrement, a default). */
export function databaseAssigns(column: Column): boolean {
  return column.autoIncrement || column.identity !== null || column.default !== null || column.generated !== null
}

/**
 * The fields of a create or edit form, in table order, for the resource's visible columns less those the
 * config hides from forms (`fields.<column>.hidden`), which are therefore never read from a submission.
 */
export function formFields(
  resource: Resource,
  mode: FormMode,
  dialect: DialectName,
  options: FormFieldsOptions = {},
): FieldSpec[] {
  const keyIsFixed = mode === 'edit' && resource.key.type === 'primary'
  const shown = resource.columns.filter((column) => !resource.fieldOptions[column.name]?.hidden)
  return shown.map((column) => {
    const kind = kindOf(column)
    const configured = resource.fieldOptions[column.name]
    const isKey = keyIsFixed && resource.key.columns.includes(column.name)
    const keyForNewRow = isKey && options.saveAsNew === true && !databaseAssigns(column) && !configured?.readOnly
    const readOnlyReason =
      column.generated !== null
        ? 'computed by the database'
        : column.identity === 'always'
          ? 'assigned by the database'
          : isKey && !keyForNewRow
            ? 'part of the primary key'
            : configured?.readOnly
              ? 'read-only here'
              : null
    const dbChooses = column.default !== null || column.autoIncrement || column.identity !== null
    const emptyIsAbsent = !kind.parse('', column, dialect).ok || kind.name === 'binary'
    return {
      column,
      label: resource.columnLabels[column.name] ?? column.name,
      widget: withWidgetOverride(kind.widget(column, dialect), configured?.widget ?? null),
      readOnly: readOnlyReason !== null,
      readOnlyReason,
      defaultOnEmpty: mode === 'create' && dbChooses,
      emptyIsAbsent,
      required: !column.nullable && !(mode === 'create' && dbChooses) && emptyIsAbsent,
      foreignKey:
        resource.table.foreignKeys.find((fk) => fk.columns.length === 1 && fk.columns[0] === column.name) ?? null,
      help: configured?.help ?? null,
      keyForNewRow,
    }
  })
}
