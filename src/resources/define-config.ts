import { z } from 'zod'
import { RoleSpec, type Action } from '../auth/permissions.js'
import {
  behaviour,
  type ComputedColumn,
  type CustomPage,
  type RowScope,
  type TableAction,
  type TableHooks,
} from './behaviour.js'

const Hooks = z
  .object({
    beforeSave: behaviour<NonNullable<TableHooks['beforeSave']>>('beforeSave').optional(),
    afterSave: behaviour<NonNullable<TableHooks['afterSave']>>('afterSave').optional(),
    beforeDelete: behaviour<NonNullable<TableHooks['beforeDelete']>>('beforeDelete').optional(),
    afterDelete: behaviour<NonNullable<TableHooks['afterDelete']>>('afterDelete').optional(),
  })
  .strict()

/** Action names appear in URLs and form values: a letter, then letters, digits, `_` or `-`. */
const actionName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a letter, then letters, digits, _ or -')

const TableActionSpec = z
  .object({
    label: z.string().min(1),
    permission: z.string().min(1),
    on: z.enum(['rows', 'row', 'both']),
    confirm: z.union([z.boolean(), z.string().min(1)]).optional(),
    form: z.custom<z.ZodType>((value) => value instanceof z.ZodType, { message: 'must be a zod schema' }).optional(),
    run: behaviour<TableAction['run']>('run'),
  })
  .strict()

const Actions = z.record(actionName, TableActionSpec)

const FieldOptions = z
  .object({
    label: z.string().min(1).optional(),
    /** A line of help under the field on the form. */
    help: z.string().min(1).optional(),
    /** Shown on the form but never written. */
    readOnly: z.boolean().optional(),
    /** Left off the form (and never written); still shown on the detail page. */
    hidden: z.boolean().optional(),
    /** The control drawn instead of the kind's default. */
    widget: z.enum(['text', 'textarea', 'select', 'checkbox', 'number', 'date', 'datetime', 'time']).optional(),
    /** An ISO 4217 code: the column's amounts are shown with that currency (`1,503.50 €`); stored values are unchanged. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code, like EUR')
      .optional(),
  })
  .strict()

const Fieldset = z
  .object({
    title: z.string().min(1),
    description: z.string().optional(),
    fields: z.array(z.string()).min(1),
    collapsed: z.boolean().optional(),
  })
  .strict()

/** Per-table overrides; every field is optional and falls back to a default derived from the metadata. */
export const TableOptions = z
  .object({
    /**
     * What one row is called ("Order"), in titles and buttons about one record. The plural, shown in the
     * navigation and list headings, is inflected from it unless `labelPlural` is given.
     */
    label: z.string().min(1).optional(),
    /** What many rows are called ("Orders"); inflected from `label`, or the table's name, when not given. */
    labelPlural: z.string().min(1).optional(),
    /** Columns shown on the list page, in order; the key is not added for you. */
    listColumns: z.array(z.string()).min(1).optional(),
    /** Columns the search box looks in (text-like ones make sense). */
    searchFields: z.array(z.string()).optional(),
    /** Columns offered as filters beside the list. */
    filters: z.array(z.string()).optional(),
    /**
     * Default ordering: column names, `-name` for descending. The key is always appended. Without it, newest
     * first where the table says what that is (an indexed creation time, else an auto-assigned key; see
     * `defaultOrdering`); `[]` keeps the key's order.
     */
    ordering: z.array(z.string().regex(/^-?[^-]/, 'a column name, or -name for descending')).optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
    readOnly: z.boolean().optional(),
    /** Columns never shown nor accepted as filters or sort. */
    hiddenFields: z.array(z.string()).optional(),
    /** Column labels by column name. */
    labels: z.record(z.string(), z.string().min(1)).optional(),
    /** The column that names a row where other tables link to it (default: a name/title/email-like column). */
    labelColumn: z.string().optional(),
    /** Allow editing a table that has no key, matching rows on all their columns (one row must match). */
    allowKeylessEdit: z.boolean().optional(),
    /** Per-field options on the form: label, help, read-only, hidden, widget. */
    fields: z.record(z.string(), FieldOptions).optional(),
    /** The form in titled groups, in order; fields in none come last. */
    fieldsets: z.array(Fieldset).optional(),
    /** A "Save as new" button on the edit form: the values are inserted as a new row. */
    saveAsNew: z.boolean().optional(),
    /**
     * Edits, additions, deletes and actions on this table need a "Reason for this change", kept with the audit
     * entry (only with the audit log on). Overrides the top-level `requireReason`.
     */
    requireReason: z.boolean().optional(),
    /** Behaviour: called in the write's transaction (see `TableHooks`). */
    hooks: Hooks.optional(),
    /** Behaviour: custom actions by name (see `TableAction`). */
    actions: Actions.optional(),
    /** Behaviour: the rows this user may see at all (see `RowScope`). */
    scope: behaviour<RowScope>('scope').optional(),
    /** Behaviour: list columns computed by SQL, by name (see `ComputedColumn`). */
    computed: z
      .record(
        actionName,
        z.object({ label: z.string().min(1).optional(), sql: behaviour<ComputedColumn['sql']>('sql') }).strict(),
      )
      .optional(),
  })
  .strict()
export type TableOptions = z.infer<typeof TableOptions>

export const StewardConfig = z
  .object({
    /** The site title in the header. */
    title: z.string().min(1).optional(),
    /** The BCP 47 locale numbers and currencies are shown in (default en-US), e.g. `de-DE` for `1.503,50 €`. */
    locale: z
      .string()
      .refine((tag) => {
        try {
          return Intl.NumberFormat.supportedLocalesOf(tag).length > 0
        } catch {
          return false
        }
      }, 'a locale this Node.js knows, like en-US or de-DE')
      .optional(),
    /** List and detail queries are cancelled after this long where the engine allows it (Postgres). */
    statementTimeoutMs: z.number().int().positive().optional(),
    /** The most rows one CSV export of a list writes (default 100,000); a longer list is cut there and says so. */
    exportMaxRows: z.number().int().positive().optional(),
    /**
     * Search across tables (`/search`): rows shown per table (default 5); and the estimated row count above which a
     * table is searched only where an index answers, by equality, prefix or a trigram index (default 100,000), both
     * there and in a list's search when the table's `searchFields` are not configured (the list offers a full search).
     */
    search: z
      .object({
        rowsPerTable: z.number().int().positive().max(100).optional(),
        bigTableRows: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
    /**
     * How many expensive statements (searches, CSV exports, unindexed sorts of big tables) one process runs at
     * once (default 5, half the default Postgres pool). Beyond that a request waits `expensiveWaitMs` for one to
     * end, then gets a 503 "busy" page, so that the connections left over keep serving cheap pages. Keep it below
     * the pool size.
     */
    maxExpensiveQueries: z.number().int().positive().optional(),
    /** How long a search or export waits for one of the `maxExpensiveQueries` before it is refused (default 1 s). */
    expensiveWaitMs: z.number().int().nonnegative().max(60_000).optional(),
    /** Per-table options by table name (`name` in the default schema, else `schema.name`). */
    tables: z.record(z.string(), TableOptions).optional(),
    /**
     * Roles besides the built-in `admin`, `editor` and `viewer`: actions on every table (`all`) and per table.
     * @example roles: { support: { all: ['view'], tables: { orders: ['change', 'export'] } } }
     */
    roles: z.record(z.string().min(1), RoleSpec).optional(),
    /** Nothing can be added, changed or deleted, whoever asks. */
    readOnly: z.boolean().optional(),
    /** Every table's changes need a reason, kept with the audit entry (see `tables.<t>.requireReason`). */
    requireReason: z.boolean().optional(),
    /** Behaviour: hooks for every table, run before (`before*`) or after (`after*`) the table's own. */
    hooks: Hooks.optional(),
    /** Behaviour: actions offered on every table (a table's own action of the same name wins). */
    actions: Actions.optional(),
    /** Behaviour: pages of your own inside the admin's layout. */
    pages: z
      .array(
        z
          .object({
            path: z.string().regex(/^\/[^?#]*$/, 'a path starting with /'),
            title: z.string().min(1),
            render: behaviour<CustomPage['render']>('render'),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
export type StewardConfig = z.infer<typeof StewardConfig>
/** A configuration as written, before defaults are filled in. */
export type StewardConfigInput = z.input<typeof StewardConfig>

type ColumnOf<Row> = keyof Row & string

/**
 * A column, or a computed column's name. Computed names cannot be known from `Row`, so any text is accepted
 * here (columns are still offered by the editor); a name that is neither is a start-up error naming table and name.
 */
type ListedOf<Row> = ColumnOf<Row> | (string & Record<never, never>)

/**
 * `TableOptions` with column names checked against one row type of the generated `DB`. `Tables` are the
 * names a search path may start with (`customers.email`), besides a foreign key's column (`customer_id.email`).
 */
export type TypedTableOptions<Row, Tables extends string = string> = Omit<
  TableOptions,
  | 'listColumns'
  | 'searchFields'
  | 'filters'
  | 'ordering'
  | 'hiddenFields'
  | 'labels'
  | 'labelColumn'
  | 'fields'
  | 'fieldsets'
  | 'hooks'
  | 'actions'
  | 'scope'
  | 'computed'
> & {
  fields?: { [C in ColumnOf<Row>]?: z.input<typeof FieldOptions> }
  fieldsets?: (Omit<z.input<typeof Fieldset>, 'fields'> & { fields: ColumnOf<Row>[] })[]
  hooks?: TableHooks<Row>
  actions?: Record<string, TableAction<Row>>
  scope?: RowScope
  computed?: Record<string, ComputedColumn>
  listColumns?: ListedOf<Row>[]
  /** Columns, or a column of a referenced table: `customer_id.email` (or `customers.email`). */
  searchFields?: (ColumnOf<Row> | `${ColumnOf<Row> | Tables}.${string}`)[]
  filters?: ListedOf<Row>[]
  ordering?: (ListedOf<Row> | `-${ListedOf<Row>}`)[]
  hiddenFields?: ColumnOf<Row>[]
  labels?: { [C in ColumnOf<Row>]?: string }
  labelColumn?: ColumnOf<Row>
}

/** `StewardConfig` typed against the generated `DB` interface: table and column names are checked by TypeScript. */
export type TypedConfig<DB> = Omit<StewardConfig, 'tables' | 'roles'> & {
  tables?: { [T in keyof DB & string]?: TypedTableOptions<DB[T], keyof DB & string> }
  roles?: Record<string, { all?: Action[]; tables?: { [T in keyof DB & string]?: Action[] }; manageAccounts?: boolean }>
}

/**
 * Checks a configuration and returns it as plain data. Typed against the generated `DB`, so a
 * misspelt table or column is a compile error; at run time unknown keys are rejected by zod.
 *
 * @example export default defineConfig<DB>({ tables: { orders: { ordering: ['-created_at'], pageSize: 50 } } })
 */
export function defineConfig<DB = any>(config: TypedConfig<DB>): StewardConfig {
  return StewardConfig.parse(config)
}
