import type { OperationNode } from 'kysely'
import type { Column, ForeignKey, Table } from '../introspect/metadata.js'
import type { FieldOptions, FieldsetSpec } from './form-options.js'
import type { RowScope } from './behaviour.js'

/**
 * How rows of a table are told apart in URLs:
 * - `primary`: the primary key;
 * - `unique`: no primary key, but a unique constraint or index over NOT NULL columns;
 * - `rowid`: a SQLite rowid table without either (the rowid is stable until the row is deleted or VACUUMed);
 * - `columns`: nothing unique (views, key-less Postgres tables): a row is found by all its comparable
 *   columns, reading at most two rows so that duplicates are noticed and never edited by accident.
 */
export interface RecordKeySpec {
  readonly type: 'primary' | 'unique' | 'rowid' | 'columns'
  readonly columns: readonly string[]
  /**
   * SQLite lets a non-INTEGER primary key hold NULL, and two such rows share a key: a row whose key has a
   * NULL is then named by its rowid instead (a `~r` record key). Set on SQLite rowid tables with a key
   * column that may be NULL. https://www.sqlite.org/lang_createtable.html#the_primary_key
   */
  readonly nullRowid?: boolean
}

/** The alias a SQLite rowid is selected as, so that it cannot collide with a real column. */
export const rowidAlias = '__steward_rowid'

export interface SortTerm {
  readonly column: string
  readonly desc: boolean
}

/**
 * A list column computed by an SQL expression (config `computed`): its name (never a column's), its label, and the
 * expression built once at start-up, kept as kysely's operation node (plain frozen data).
 */
export interface ComputedField {
  readonly name: string
  readonly label: string
  readonly node: OperationNode
}

/** A search field in another table, reached through a foreign key (`customer_id.email`). */
export interface SearchPath {
  /** As written in the config. */
  readonly path: string
  readonly fk: ForeignKey
  /** The referenced table's column searched. */
  readonly column: Column
  readonly label: string
}

/** One table as the admin shows it: metadata plus defaults plus the user's overrides. Plain frozen data. */
export interface Resource {
  /** The name used in config and messages: `name` in the default schema, else `schema.name`. */
  readonly id: string
  readonly table: Table
  /** The table's name for many rows, in navigation and list headings ("Orders"); config `labelPlural`. */
  readonly label: string
  /** What one row is called, in titles and buttons about one record ("Order 96786", "Add order"); config `label`. */
  readonly singular: string
  /** Columns that may be shown, sorted and filtered (everything but hidden ones), in table order. */
  readonly columns: readonly Column[]
  readonly columnLabels: Readonly<Record<string, string>>
  readonly key: RecordKeySpec
  readonly readOnly: boolean
  /** Why it is read-only, in words a user understands; empty when it is editable. */
  readonly readOnlyReasons: readonly string[]
  /** Set when the live database differs from the metadata the admin was built with. */
  readonly drifted: boolean
  /** Column and computed names, in order. */
  readonly listColumns: readonly string[]
  readonly searchFields: readonly string[]
  /**
   * The config names no `searchFields`: they are every searchable column, and on a big table the search keeps to
   * what an index answers (see `planSearch`). Configured fields are always searched in full, as Django's.
   */
  readonly searchDefaulted: boolean
  /** Search fields in referenced tables, searched besides `searchFields`. */
  readonly searchPaths: readonly SearchPath[]
  /** Column and computed names. */
  readonly filterFields: readonly string[]
  /** Columns computed by SQL, in config order. */
  readonly computed: readonly ComputedField[]
  readonly ordering: readonly SortTerm[]
  readonly pageSize: number
  readonly labelColumn: string | null
  readonly allowKeylessEdit: boolean
  /** Per-column form options (`fields` in the config), only for the columns it names. */
  readonly fieldOptions: Readonly<Record<string, FieldOptions>>
  /** The form and detail page in titled groups; columns in none come after them. */
  readonly fieldsets: readonly FieldsetSpec[]
  /** The edit form offers "Save as new" (to users who may add rows). */
  readonly saveAsNew: boolean
  /** The config's `locale` for numbers and currencies (default en-US). */
  readonly locale: string
  /** ISO 4217 codes by column name, for columns that hold amounts of money (`fields.<column>.currency`). */
  readonly currencies: Readonly<Record<string, string>>
  /** The config's row scope (the one function here): read every row of it through `scopedFrom`/`rowSource`. */
  readonly scope?: RowScope
}
