import { expressionBuilder } from 'kysely'
import type { Table } from '../introspect/metadata.js'
import type { TableOptions } from './define-config.js'
import { humanize } from './labels.js'
import type { ComputedField } from './resource.js'

/**
 * The table's computed columns, each expression built once here so that a broken one is a start-up error.
 * A name that is also a column's would make every reference to it ambiguous: that is a start-up error too.
 */
export function computedFields(
  table: Table,
  id: string,
  options: Pick<TableOptions, 'computed'>,
  problems: string[],
): ComputedField[] {
  const columns = new Set(table.columns.map((column) => column.name))
  const fields: ComputedField[] = []
  for (const [name, spec] of Object.entries(options.computed ?? {})) {
    if (columns.has(name)) {
      problems.push(`tables.${id}.computed: "${name}" is already a column of ${id}`)
      continue
    }
    try {
      const node = spec.sql(expressionBuilder<any, any>()).toOperationNode()
      fields.push({ name, label: spec.label ?? humanize(name), node })
    } catch (error) {
      problems.push(
        `tables.${id}.computed.${name}: sql() threw ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  return fields
}
