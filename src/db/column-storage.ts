import type { DialectName } from '../introspect/metadata.js'

/** What an engine's columns can hold besides values of their declared type: checked before a value is bound. */
export interface ColumnStorage {
  /**
   * Whether text may contain U+0000. Postgres: "the character with code zero cannot be stored"
   * (https://www.postgresql.org/docs/current/datatype-character.html); SQLite text holds any bytes.
   */
  readonly nulInText: boolean
  /**
   * Whether any column may hold a value of any type (bytes in an INTEGER column), so such a key or
   * cursor can name a stored row: SQLite's type affinity (https://www.sqlite.org/datatype3.html).
   */
  readonly anyValueInAnyColumn: boolean
  /** Types (as `Column.baseType`) with no ordering, so a list cannot be sorted on them. */
  readonly unorderedTypes: ReadonlySet<string>
}

export const columnStorage: Readonly<Record<DialectName, ColumnStorage>> = {
  postgres: {
    nulInText: false,
    anyValueInAnyColumn: false,
    // No default btree operator class: https://www.postgresql.org/docs/current/btree-behavior.html
    unorderedTypes: new Set(['json', 'xml', 'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', '_json']),
  },
  // SQLite orders any value (by storage class, then value).
  sqlite: { nulInText: true, anyValueInAnyColumn: true, unorderedTypes: new Set() },
}
