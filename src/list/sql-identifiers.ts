import { sql, type RawBuilder } from 'kysely'
import type { Table } from '../introspect/metadata.js'
import { titleLength } from '../kinds/display-value.js'
import { rowidAlias, type ComputedField, type Resource } from '../resources/resource.js'

// Identifiers come only from metadata and always go through sql.id, which quotes them whole: a name with
// a dot or a quote in it stays one identifier (kysely's string references would split `a.b` in two).

/** `"schema"."table"` */
export function tableId(table: Pick<Table, 'schema' | 'name'>): RawBuilder<unknown> {
  return sql.id(table.schema, table.name)
}

/** A column of the resource's table; the SQLite `rowid` pseudo-key stays unquoted-equivalent `"rowid"`. */
export function columnId(name: string): RawBuilder<unknown> {
  return sql.id(name)
}

/** Whether `name` is SQLite's rowid rather than a column: the key, or the fallback of a key that holds NULL. */
function isRowid(resource: Resource, name: string): boolean {
  return name === 'rowid' && (resource.key.type === 'rowid' || resource.key.nullRowid === true)
}

/** A computed column's expression in parentheses, to select, order or filter by. */
export function computedSql(field: ComputedField): RawBuilder<unknown> {
  return sql`(${{ toOperationNode: () => field.node }})`
}

/**
 * The select list for `names`, with the rowid (when it is the key) under an alias no real column has, and a
 * computed column's expression under the computed column's name (which no column has either). A column in
 * `shortened` is read by its expression there (a text's first characters), under its own name.
 */
export function selectList(
  resource: Resource,
  names: Iterable<string>,
  shortened: ReadonlyMap<string, RawBuilder<unknown>> = new Map(),
): RawBuilder<unknown> {
  const parts = [...new Set(names)].map((name) => {
    if (isRowid(resource, name)) return sql`${sql.id('rowid')} as ${sql.id(rowidAlias)}`
    const cut = shortened.get(name)
    if (cut) return sql`${cut} as ${sql.id(name)}`
    const computed = resource.computed.find((field) => field.name === name)
    return computed ? sql`${computedSql(computed)} as ${sql.id(name)}` : sql.id(name)
  })
  // A relation whose columns could not be introspected (a broken view): `*` lets the engine say why.
  return parts.length > 0 ? sql.join(parts) : sql`*`
}

/**
 * The characters of a text a list cell can show: 80 in the cell and up to 1,000 in its title (`titleLength`), and
 * one more to know that there were more.
 */
export const shownTextLength = titleLength + 1

/** A row's value for a column, reading the rowid from its alias. */
export function valueOf(resource: Resource, row: Readonly<Record<string, unknown>>, name: string): unknown {
  return isRowid(resource, name) ? row[rowidAlias] : row[name]
}

/** `a = $1 and b is null …`: a null-safe match of columns to values. */
export function matchColumns(names: readonly string[], values: readonly unknown[]): RawBuilder<boolean> {
  const parts = names.map((name, i) => {
    const value = values[i]
    return value === null || value === undefined ? sql`${sql.id(name)} is null` : sql`${sql.id(name)} = ${value}`
  })
  return parts.length === 0 ? sql<boolean>`1 = 1` : sql<boolean>`${sql.join(parts, sql` and `)}`
}
