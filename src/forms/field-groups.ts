import type { FieldsetSpec } from '../resources/form-options.js'

/** A titled group of fields (a config fieldset), or the untitled rest after them. */
export interface FieldGroup<T> {
  /** Null for the fields in no fieldset. */
  readonly title: string | null
  readonly description: string | null
  /** Drawn as a <details> that can be closed. */
  readonly collapsible: boolean
  /** Whether a collapsible group starts open: never collapsed when it holds a field with an error. */
  readonly open: boolean
  readonly fields: readonly T[]
}

/**
 * `fields` in the config's fieldsets, in the fieldsets' order and each in the order it lists its columns;
 * fields in no fieldset come last, in table order. Empty groups (every field hidden) are left out.
 */
export function fieldGroups<T>(
  fields: readonly T[],
  fieldsets: readonly FieldsetSpec[],
  columnOf: (field: T) => string,
  hasError: (field: T) => boolean = () => false,
): FieldGroup<T>[] {
  const byColumn = new Map(fields.map((field) => [columnOf(field), field]))
  const placed = new Set(fieldsets.flatMap((set) => set.fields))
  const groups: FieldGroup<T>[] = fieldsets.map((set) => {
    const members = set.fields.flatMap((name) => byColumn.get(name) ?? [])
    return {
      title: set.title,
      description: set.description,
      collapsible: set.collapsed,
      open: !set.collapsed || members.some(hasError),
      fields: members,
    }
  })
  const rest = fields.filter((field) => !placed.has(columnOf(field)))
  groups.push({ title: null, description: null, collapsible: false, open: true, fields: rest })
  return groups.filter((group) => group.fields.length > 0)
}
