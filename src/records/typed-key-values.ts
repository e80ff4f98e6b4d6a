import { columnStorage } from '../db/column-storage.js'
import type { DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import type { Resource } from '../resources/resource.js'
import type { KeyValue } from './record-key.js'

/**
 * Key values from a URL are text; each is parsed by its column's kind so that it compares as the
 * stored value does (SQLite applies no conversion to a column without a declared type, so `'42'` ≠ `42`).
 * Undefined when a value cannot belong to its column: such a key names no row. Bytes (`~x…`) belong to a
 * binary column, or to any column where the engine stores any value anywhere (SQLite); bound to another
 * Postgres column they would be a driver error, not "no such row".
 */
export function typedKeyValues(
  resource: Resource,
  names: readonly string[],
  values: readonly KeyValue[],
  dialect: DialectName,
): unknown[] | undefined {
  if (values.length !== names.length) return undefined
  const typed: unknown[] = []
  for (const [i, name] of names.entries()) {
    const value = values[i]
    if (typeof value !== 'string') {
      const column = resource.table.columns.find((c) => c.name === name)
      const bytesFit = columnStorage[dialect].anyValueInAnyColumn || column?.kind === 'binary'
      if (value !== null && !bytesFit) return undefined
      typed.push(value)
      continue
    }
    if (resource.key.type === 'rowid' && name === 'rowid') {
      if (!/^-?\d{1,19}$/.test(value)) return undefined
      typed.push(Number.isSafeInteger(Number(value)) ? Number(value) : value)
      continue
    }
    const column = resource.table.columns.find((c) => c.name === name)
    if (!column) return undefined
    const parsed = kindOf(column).parse(value, column, dialect)
    if (!parsed.ok) return undefined
    typed.push(parsed.value)
  }
  return typed
}
