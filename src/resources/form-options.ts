import type { Column, DialectName, Table } from '../introspect/metadata.js'
import type { WidgetSpec } from '../kinds/kind.js'
import { kindOf } from '../kinds/registry.js'
import type { TableOptions } from './define-config.js'
import { byColumn } from '../records/by-column.js'

/** A `widget` override as the config spells it. */
export type FieldWidget = NonNullable<NonNullable<NonNullable<TableOptions['fields']>[string]>['widget']>

/** One column's form options from `tables.<t>.fields.<column>`, defaults filled in. */
export interface FieldOptions {
  /** A line of help under the field on the form. */
  readonly help: string | null
  /** Shown on the form as a value, never read from a submission. */
  readonly readOnly: boolean
  /** Left off the form and never written; still on the detail page. */
  readonly hidden: boolean
  /** The widget drawn instead of the kind's own; already checked to fit the column. */
  readonly widget: WidgetSpec['type'] | null
}

/** A titled group of fields on the form and the detail page. */
export interface FieldsetSpec {
  readonly title: string
  readonly description: string | null
  readonly fields: readonly string[]
  /** Drawn closed (a <details>) until opened, or until one of its fields has an error. */
  readonly collapsed: boolean
}

/**
 * Which overrides fit a kind's default widget exactly: the control must send back text the kind parses
 * the same way, so a number may become a text box but a text may not become a number box, and a select
 * needs choices the column has. Anything else is a start-up error naming table and column.
 */
const fitting: Readonly<Record<WidgetSpec['type'], readonly FieldWidget[]>> = {
  text: ['text', 'textarea'],
  textarea: ['textarea', 'text'],
  number: ['number', 'text'],
  checkbox: ['checkbox'],
  tristate: ['select'],
  select: ['select', 'text'],
  date: ['date', 'text'],
  'datetime-local': ['datetime', 'text'],
  time: ['time', 'text'],
  json: ['textarea'],
  'file-or-hex': [],
}

const widgetTypes: Readonly<Record<FieldWidget, WidgetSpec['type']>> = {
  text: 'text',
  textarea: 'textarea',
  select: 'select',
  checkbox: 'checkbox',
  number: 'number',
  date: 'date',
  datetime: 'datetime-local',
  time: 'time',
}

export interface FormOptions {
  readonly fieldOptions: Readonly<Record<string, FieldOptions>>
  readonly fieldsets: readonly FieldsetSpec[]
}

/**
 * `fields` and `fieldsets` of one table checked against its columns; every problem is pushed to `problems`
 * (unknown column, impossible widget, a column in two fieldsets) and the bad entry left out.
 */
export function resolveFormOptions(
  table: Table,
  id: string,
  options: TableOptions,
  dialect: DialectName,
  problems: string[],
): FormOptions {
  const columns = new Map(table.columns.map((column) => [column.name, column]))
  const fieldOptions = byColumn<FieldOptions>()
  for (const [name, given] of Object.entries(options.fields ?? {})) {
    const column = columns.get(name)
    if (!column) {
      problems.push(`tables.${id}.fields: unknown column "${name}"`)
      continue
    }
    fieldOptions[name] = {
      help: given.help ?? null,
      readOnly: given.readOnly ?? false,
      hidden: given.hidden ?? false,
      widget: given.widget
        ? checkedWidget(column, given.widget, dialect, `tables.${id}.fields.${name}`, problems)
        : null,
    }
  }
  const placed = new Map<string, string>()
  const fieldsets = (options.fieldsets ?? []).map((fieldset): FieldsetSpec => {
    const fields: string[] = []
    for (const name of fieldset.fields) {
      const where = `tables.${id}.fieldsets "${fieldset.title}"`
      if (!columns.has(name)) problems.push(`${where}: unknown column "${name}"`)
      else if (placed.has(name))
        problems.push(`${where}: column "${name}" is already in fieldset "${placed.get(name)}"`)
      else {
        placed.set(name, fieldset.title)
        fields.push(name)
      }
    }
    return {
      title: fieldset.title,
      description: fieldset.description ?? null,
      fields,
      collapsed: fieldset.collapsed ?? false,
    }
  })
  return { fieldOptions, fieldsets }
}

function checkedWidget(
  column: Column,
  widget: FieldWidget,
  dialect: DialectName,
  where: string,
  problems: string[],
): WidgetSpec['type'] | null {
  const own = kindOf(column).widget(column, dialect).type
  const possible = fitting[own]
  // A nullable boolean is already a select (true, false, NULL): asking for one changes nothing.
  if (possible.includes(widget)) return own === 'tristate' ? own : widgetTypes[widget]
  const choices = possible.length > 0 ? `possible: ${possible.join(', ')}` : 'no other widget fits it'
  problems.push(`${where}.widget: "${widget}" does not fit column "${column.name}" (${column.kind}; ${choices})`)
  return null
}

/** The kind's widget with the override's type (its length, step and choices kept where they still apply). */
export function withWidgetOverride(widget: WidgetSpec, override: WidgetSpec['type'] | null): WidgetSpec {
  return override === null || override === widget.type ? widget : { ...widget, type: override }
}
