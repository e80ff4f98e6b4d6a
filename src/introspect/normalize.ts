import type { SchemaMetadata, Table } from './metadata.js'

const byName = (a: { name: string }, b: { name: string }) => compare(a.name, b.name)

/** Code-point order, independent of the machine's locale, so output is the same everywhere. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Puts metadata in its one canonical form: tables by schema then name, constraints and indexes by
 * name (columns keep their declared order), everything frozen. Introspectors end with this.
 */
export function normalizeMetadata(metadata: SchemaMetadata): SchemaMetadata {
  const tables = metadata.tables
    .map((table): Table => ({
      ...table,
      foreignKeys: [...table.foreignKeys].sort(byName),
      uniques: [...table.uniques].sort(byName),
      indexes: [...table.indexes].sort(byName),
      checks: [...table.checks].sort(byName),
    }))
    .sort((a, b) => compare(a.schema, b.schema) || compare(a.name, b.name))
  return deepFreeze({ ...metadata, schemas: [...metadata.schemas].sort(compare), tables })
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
