import type { DatabaseError } from '../db/database-error.js'
import type { Table } from '../introspect/metadata.js'
import { writeMessages } from '../records/write-messages.js'

export interface FormErrors {
  /** Messages by column name, for fields on the form. */
  readonly fields: Readonly<Record<string, string>>
  /** A message for the whole form, when the error concerns no field the user can change. */
  readonly form: string | null
}

/**
 * Puts a database's refusal next to the fields it concerns. The columns come from the error when the
 * engine names them, else from the constraint's definition in the metadata (a CHECK's expression, a
 * unique or foreign key's columns). Messages are Steward's own: the driver's text never reaches a page.
 */
export function constraintErrors(
  error: DatabaseError,
  table: Table,
  onForm: ReadonlySet<string>,
  labels: Readonly<Record<string, string>>,
  inputs: ReadonlyMap<string, string> = new Map(),
  tableLabel: (schema: string, name: string) => string = (_schema, name) => name,
): FormErrors {
  const columns = concernedColumns(error, table, inputs)
  const message = messageFor(error, table, columns, labels, tableLabel)
  const shown = columns.filter((name) => onForm.has(name))
  if (shown.length === 0) {
    const named = columns.map((name) => labels[name] ?? name)
    return { fields: {}, form: named.length > 0 ? `${named.join(', ')}: ${message}` : message }
  }
  return { fields: Object.fromEntries(shown.map((name) => [name, message])), form: null }
}

function concernedColumns(error: DatabaseError, table: Table, inputs: ReadonlyMap<string, string>): string[] {
  const known = new Set(table.columns.map((column) => column.name))
  if (error.columns.length > 0) return error.columns.filter((name) => known.has(name))
  const name = error.constraint
  if (name) {
    const keyed = [...table.uniques, ...table.indexes, ...table.foreignKeys].find((c) => c.name === name)
    if (keyed) return [...keyed.columns]
    // SQLite names an unnamed CHECK by its expression; Postgres by the constraint's name.
    const expression = table.checks.find((check) => check.name === name)?.expression ?? name
    return table.columns.map((column) => column.name).filter((column) => mentions(expression, column))
  }
  if (error.code === 'invalid_value') {
    // The engine may quote the value it could not read: find who typed it.
    const quoted = error.input
    if (quoted !== undefined) {
      const matches = [...inputs].filter(([, input]) => input.trim() === quoted.trim()).map(([column]) => column)
      if (matches.length === 1) return matches
    }
  }
  return []
}

function messageFor(
  error: DatabaseError,
  table: Table,
  columns: readonly string[],
  labels: Readonly<Record<string, string>>,
  tableLabel: (schema: string, name: string) => string,
): string {
  const names = columns.map((name) => labels[name] ?? name)
  switch (error.code) {
    case 'unique':
      return writeMessages.notUnique(names)
    case 'foreign_key': {
      const fk = table.foreignKeys.find((key) => key.name === error.constraint || sameColumns(key.columns, columns))
      return fk ? writeMessages.noSuchRow(tableLabel(fk.refSchema, fk.refTable)) : error.message
    }
    case 'not_null':
      return writeMessages.required
    default:
      return error.message
  }
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i])
}

/** Whether an SQL expression refers to a column: as a bare word or a quoted identifier. */
function mentions(expression: string, column: string): boolean {
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const quoted = `"${column.replace(/"/g, '""')}"`
  return expression.includes(quoted) || new RegExp(`(^|[^\\w"])${escaped}($|[^\\w"])`, 'i').test(expression)
}
