import { dialectFor } from '../db/dialects.js'
import type { Column, DialectName, SchemaMetadata, Table } from '../introspect/metadata.js'
import { qualifiedName } from '../introspect/metadata.js'
import { defaultLocale } from '../kinds/number-display.js'
import { kindOf } from '../kinds/registry.js'
import type { StewardConfig, TableOptions } from './define-config.js'
import { humanize } from './labels.js'
import { defaultLabelColumn } from './label-column.js'
import { defaultOrdering } from './default-ordering.js'
import { tableNames } from './table-names.js'
import { computedFields } from './computed-fields.js'
import { resolveSearchPath } from './search-paths.js'
import { customPageProblems } from './custom-pages.js'
import { resolveFormOptions } from './form-options.js'
import type { ComputedField, RecordKeySpec, Resource, SortTerm } from './resource.js'
import { deepFreeze } from '../introspect/normalize.js'
import { ownValue } from '../records/by-column.js'

/** The configuration names a table or column that does not exist; raised at start-up, listing every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(readonly problems: readonly string[]) {
    super(`steward config: ${problems.join('; ')}`)
  }
}

export interface BuildOptions {
  readonly defaultSchema: string
  /** Tables (as `schema.name`) whose live definition differs from the metadata: shown read-only with a banner. */
  readonly drifted?: ReadonlySet<string>
}

const defaultPageSize = 50
const maxDefaultListColumns = 9
// Kinds that say little in a table cell; listed only when nothing better fills the columns.
const quietKinds = new Set(['binary', 'json', 'array', 'unknown'])

/** Every table and view of the schema as a resource, in metadata order. Throws `ConfigError` on a bad config. */
export function buildResources(schema: SchemaMetadata, config: StewardConfig, options: BuildOptions): Resource[] {
  const problems: string[] = []
  const ids = new Set(schema.tables.map((table) => qualifiedName(table, options.defaultSchema)))
  for (const id of Object.keys(config.tables ?? {})) {
    if (!ids.has(id)) problems.push(`unknown table "${id}" in tables`)
  }
  problems.push(...customPageProblems(config.pages, schema))
  const { rowid } = dialectFor(schema.dialect).capabilities
  const bySchemaName = new Map(schema.tables.map((table) => [JSON.stringify([table.schema, table.name]), table]))
  const tableOf = (schemaName: string, name: string) => bySchemaName.get(JSON.stringify([schemaName, name]))
  const resources = schema.tables.map((table) => {
    const id = qualifiedName(table, options.defaultSchema)
    const drifted = options.drifted?.has(`${table.schema}.${table.name}`) ?? false
    const resource = buildResource(
      table,
      id,
      ownValue(config.tables, id) ?? {},
      { drifted, rowid, dialect: schema.dialect, tableOf },
      problems,
    )
    return config.locale ? { ...resource, locale: config.locale } : resource
  })
  if (problems.length > 0) throw new ConfigError(problems)
  return deepFreeze(resources)
}

function buildResource(
  table: Table,
  id: string,
  options: TableOptions,
  {
    drifted,
    rowid,
    dialect,
    tableOf,
  }: {
    drifted: boolean
    rowid: boolean
    dialect: DialectName
    tableOf: (schema: string, name: string) => Table | undefined
  },
  problems: string[],
): Resource {
  const computed = computedFields(table, id, options, problems)
  const computedNames = new Set(computed.map((field) => field.name))
  const columnNames = new Set(table.columns.map((column) => column.name))
  // Computed columns may be listed, filtered on and ordered by; everything else names real columns only.
  const checkIn = (known: ReadonlySet<string>) => (field: string, names: readonly string[] | undefined) => {
    for (const name of names ?? []) {
      if (!known.has(name)) problems.push(`tables.${id}.${field}: unknown column "${name}"`)
    }
    return (names ?? []).filter((name) => known.has(name))
  }
  const check = checkIn(columnNames)
  const checkListed = checkIn(new Set([...columnNames, ...computedNames]))
  const hidden = new Set(check('hiddenFields', options.hiddenFields))
  const columns = table.columns.filter((column) => !hidden.has(column.name))
  const visible = (names: string[]) => names.filter((name) => !hidden.has(name))
  const key = recordKeySpec(table, rowid)
  const ordering = options.ordering
    ? options.ordering
        .map((term): SortTerm => ({ column: term.replace(/^-/, ''), desc: term.startsWith('-') }))
        .filter((term) => checkListed('ordering', [term.column]).length > 0)
    : defaultOrdering(table, key, columns)
  const labelColumn = options.labelColumn
    ? (check('labelColumn', [options.labelColumn])[0] ?? null)
    : defaultLabelColumn(table, columns)
  const readOnlyReasons = [
    ...(table.type !== 'table' ? [`it is a ${table.type}`] : []),
    ...(key.type === 'columns' || key.type === 'rowid'
      ? options.allowKeylessEdit
        ? []
        : ['it has no primary key']
      : []),
    ...(drifted ? ['the database has changed since Steward was generated (run steward generate)'] : []),
    ...(options.readOnly ? ['it is configured read-only'] : []),
  ]
  for (const name of Object.keys(options.labels ?? {})) check('labels', [name])
  const names = tableNames(table.name, options.label, options.labelPlural)
  const form = resolveFormOptions(table, id, options, dialect, problems)
  return {
    id,
    table,
    label: names.plural,
    singular: names.singular,
    columns,
    columnLabels: Object.fromEntries(
      // `labels` wins over `fields.<column>.label`: the table-wide map is the one place a label is renamed.
      table.columns.map((c) => [
        c.name,
        ownValue(options.labels, c.name) ?? ownValue(options.fields, c.name)?.label ?? defaultLabel(table, c.name),
      ]),
    ),
    key,
    readOnly: readOnlyReasons.length > 0,
    readOnlyReasons,
    drifted,
    listColumns: withComputed(
      options.listColumns
        ? visible(checkListed('listColumns', options.listColumns))
        : defaultListColumns(table, columns),
      computed,
    ),
    searchFields: options.searchFields
      ? visible(
          check(
            'searchFields',
            options.searchFields.filter((name) => columnNames.has(name) || !name.includes('.')),
          ),
        )
      : columns.filter((column) => kindOf(column).searchable).map((column) => column.name),
    searchDefaulted: options.searchFields === undefined,
    searchPaths: (options.searchFields ?? [])
      .filter((name) => !columnNames.has(name) && name.includes('.'))
      .flatMap((path) => resolveSearchPath(table, path, { id, table: tableOf, problems }) ?? []),
    filterFields: options.filters ? visible(checkListed('filters', options.filters)) : defaultFilters(table, columns),
    computed,
    ordering,
    pageSize: options.pageSize ?? defaultPageSize,
    labelColumn,
    allowKeylessEdit: options.allowKeylessEdit ?? false,
    fieldOptions: form.fieldOptions,
    fieldsets: form.fieldsets.map((set) => ({ ...set, fields: visible([...set.fields]) })),
    saveAsNew: options.saveAsNew ?? false,
    locale: defaultLocale,
    currencies: currenciesOf(options),
    ...(options.scope ? { scope: options.scope } : {}),
  }
}

/** Computed columns the list names stay where they are; the others follow the table's columns. */
function withComputed(names: readonly string[], computed: readonly ComputedField[]): string[] {
  return [...names, ...computed.map((field) => field.name).filter((name) => !names.includes(name))]
}

function currenciesOf(options: TableOptions): Record<string, string> {
  const entries = Object.entries(options.fields ?? {}).flatMap(([name, field]) =>
    field.currency === undefined ? [] : [[name, field.currency] as const],
  )
  return Object.fromEntries(entries)
}

/** `customer_id` of a foreign key reads as `Customer`: the column shows the customer, not a number. */
function defaultLabel(table: Table, name: string): string {
  const single = table.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === name)
  return humanize(single && /._id$/i.test(name) ? name.slice(0, -3) : name)
}

export function recordKeySpec(table: Table, rowid: boolean): RecordKeySpec {
  if (table.primaryKey.length > 0) {
    const nullable = table.primaryKey.some((name) => table.columns.find((c) => c.name === name)?.nullable !== false)
    const nullRowid = nullable && rowid && hasRowid(table)
    return { type: 'primary', columns: table.primaryKey, ...(nullRowid ? { nullRowid } : {}) }
  }
  if (table.type === 'table') {
    const notNull = new Set(table.columns.filter((column) => !column.nullable).map((column) => column.name))
    const unique = [...table.uniques, ...table.indexes.filter((index) => index.unique && !index.partial)]
      .map((constraint) => constraint.columns)
      .find((columns) => columns.length > 0 && columns.every((name) => notNull.has(name)))
    if (unique) return { type: 'unique', columns: unique }
    if (rowid && hasRowid(table)) {
      return { type: 'rowid', columns: ['rowid'] }
    }
  }
  return { type: 'columns', columns: table.columns.filter(isComparable).map((column) => column.name) }
}

/** A SQLite table whose rowid can be named as `rowid` (no real column takes that name). */
function hasRowid(table: Table): boolean {
  return table.type === 'table' && !table.withoutRowid && table.columns.every((c) => c.name.toLowerCase() !== 'rowid')
}

/**
 * Columns an equality match can use on both engines (Postgres `json`, arrays and unknown types have no
 * reliable `=`, and `xml`, shown as text, has none at all: matching or ordering on it is an error).
 */
export function isComparable(column: Column): boolean {
  return !['json', 'array', 'binary', 'unknown'].includes(column.kind) && column.baseType !== 'xml'
}

function defaultListColumns(table: Table, columns: readonly Column[]): string[] {
  const keyColumns = table.primaryKey.filter((name) => columns.some((column) => column.name === name))
  const rest = columns.filter((column) => !keyColumns.includes(column.name))
  const informative = rest.filter((column) => !quietKinds.has(column.kind))
  const quiet = rest.filter((column) => quietKinds.has(column.kind) && column.kind !== 'binary')
  return [...keyColumns, ...[...informative, ...quiet].map((column) => column.name)].slice(
    0,
    Math.max(maxDefaultListColumns, keyColumns.length + 1),
  )
}

function defaultFilters(table: Table, columns: readonly Column[]): string[] {
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns))
  return columns
    .filter((column) => fkColumns.has(column.name) || ['boolean', 'enum', 'date', 'datetime'].includes(column.kind))
    .map((column) => column.name)
}
