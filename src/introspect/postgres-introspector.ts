import type { Kysely } from 'kysely'
import type { IntrospectOptions } from '../db/dialect.js'
import { resolvePostgresKind } from '../kinds/resolve-kind.js'
import type { Column, ReferentialAction, SchemaMetadata, Table, TableType } from './metadata.js'
import { normalizeMetadata } from './normalize.js'
import {
  readColumns,
  readConstraints,
  readDomainChecks,
  readEnumLabels,
  readIndexes,
  readRelations,
  readSchemas,
  type ColumnRow,
  type ConstraintRow,
  type IndexRow,
  type RelationRow,
} from './postgres-catalog-queries.js'
import { checkChoices, domainCheckChoices } from './postgres-check-choices.js'
import { decodeTypeModifiers } from './postgres-type-modifiers.js'

const tableTypes: Readonly<Record<string, TableType>> = {
  r: 'table',
  p: 'table',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
}

// pg_constraint.confdeltype / confupdtype
const referentialActions: Readonly<Record<string, ReferentialAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

/** What every column needs to know beyond its own catalog row. */
interface Lookups {
  readonly enumLabels: ReadonlyMap<string, readonly string[]>
  /** Per domain oid, the choices its CHECKs (and those of domains under it) allow, when they are lists. */
  readonly domainChoices: ReadonlyMap<string, readonly string[]>
}

/**
 * Reads tables, views, columns, keys, constraints and indexes of a Postgres database from pg_catalog
 * in a handful of set-based queries, into normalized, frozen metadata.
 *
 * @example const metadata = await introspectPostgres(db, { schemas: ['public', 'billing'] })
 */
export async function introspectPostgres(db: Kysely<any>, options: IntrospectOptions = {}): Promise<SchemaMetadata> {
  const schemas = await readSchemas(db, options.schemas?.length ? options.schemas : undefined)
  const relations = await readRelations(db, schemas)
  const oids = relations.map((relation) => relation.oid)
  const [columns, constraints, indexes, enums, domainChecks] = await Promise.all([
    readColumns(db, oids),
    readConstraints(db, oids),
    readIndexes(db, oids),
    readEnumLabels(db),
    readDomainChecks(db),
  ])
  const lookups: Lookups = {
    enumLabels: new Map(enums.map((row) => [row.type_oid, row.labels])),
    domainChoices: collectDomainChoices(domainChecks),
  }
  const columnsOf = groupBy(columns, (row) => row.relation)
  const constraintsOf = groupBy(constraints, (row) => row.relation)
  const indexesOf = groupBy(indexes, (row) => row.relation)
  const tables = relations.map((relation) =>
    buildTable(
      relation,
      columnsOf.get(relation.oid) ?? [],
      constraintsOf.get(relation.oid) ?? [],
      indexesOf.get(relation.oid) ?? [],
      lookups,
    ),
  )
  return normalizeMetadata({ dialect: 'postgres', schemas, tables })
}

function buildTable(
  relation: RelationRow,
  columns: readonly ColumnRow[],
  constraints: readonly ConstraintRow[],
  indexes: readonly IndexRow[],
  lookups: Lookups,
): Table {
  const ofType = (type: string) => constraints.filter((constraint) => constraint.type === type)
  const checks = ofType('c').map((check) => ({ name: check.name, expression: check.definition ?? '' }))
  const singleColumnChecks = ofType('c').filter((check) => check.columns.length === 1)
  return {
    schema: relation.schema,
    name: relation.name,
    type: tableTypes[relation.relkind] ?? 'table',
    comment: relation.comment,
    columns: columns.map((row) =>
      buildColumn(
        row,
        relation.relkind,
        singleColumnChecks.filter((check) => check.columns[0] === row.name).map((check) => check.definition ?? ''),
        lookups,
      ),
    ),
    primaryKey: ofType('p')[0]?.columns ?? [],
    foreignKeys: ofType('f').map((fk) => ({
      name: fk.name,
      columns: fk.columns,
      refSchema: fk.ref_schema ?? '',
      refTable: fk.ref_table ?? '',
      refColumns: fk.ref_columns ?? [],
      onDelete: referentialActions[fk.on_delete] ?? 'no action',
      onUpdate: referentialActions[fk.on_update] ?? 'no action',
    })),
    uniques: ofType('u').map((unique) => ({ name: unique.name, columns: unique.columns })),
    indexes: indexes.map((index) => ({
      name: index.name,
      columns: index.columns,
      unique: index.unique,
      partial: index.partial,
    })),
    checks,
    withoutRowid: false,
    strict: false,
    estimatedRows: relation.estimated_rows,
  }
}

function buildColumn(row: ColumnRow, relkind: string, checks: readonly string[], lookups: Lookups): Column {
  const choices = row.is_array ? arrayChoices(row, lookups) : scalarChoices(row, checks, lookups)
  const scalarType = row.is_array ? (row.element_type ?? row.base_type) : row.base_type
  const isView = relkind === 'v' || relkind === 'm'
  return {
    name: row.name,
    dataType: row.data_type,
    baseType: row.base_type,
    kind: resolvePostgresKind({
      baseType: row.base_type,
      category: row.is_array ? 'array' : row.is_enum ? 'enum' : undefined,
      choices,
    }),
    // Postgres reports every view column as nullable (attnotnull is false); a domain's NOT NULL only
    // binds where rows are stored.
    nullable: !row.not_null && !(row.domain_not_null && !isView),
    default: row.default_expr,
    identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by default' : null,
    autoIncrement: row.identity !== '' || /^nextval\(/i.test(row.default_expr ?? ''),
    generated: row.generated === 's' ? 'stored' : row.generated === 'v' ? 'virtual' : null,
    ...decodeTypeModifiers(scalarType, row.typmod),
    choices: choices ? [...choices] : null,
    arrayElementType: row.is_array ? row.element_type : null,
    domain: row.domain,
    comment: row.comment,
  }
}

/** Enum labels, narrowed by the list CHECKs of the column's domain and of the column itself. */
function scalarChoices(row: ColumnRow, checks: readonly string[], lookups: Lookups): readonly string[] | null {
  let choices = (row.is_enum && lookups.enumLabels.get(row.base_oid)) || null
  if (row.domain_oid) choices = narrow(choices, lookups.domainChoices.get(row.domain_oid) ?? null)
  for (const check of checks) choices = narrow(choices, checkChoices(check, row.name))
  return choices
}

/** An array of an enum offers the enum's labels for its elements. */
function arrayChoices(row: ColumnRow, lookups: Lookups): readonly string[] | null {
  return (row.element_oid && lookups.enumLabels.get(row.element_oid)) || null
}

function collectDomainChoices(
  rows: readonly { domain_oid: string; definition: string }[],
): Map<string, readonly string[]> {
  const choices = new Map<string, readonly string[]>()
  for (const row of rows) {
    const found = narrow(choices.get(row.domain_oid) ?? null, domainCheckChoices(row.definition))
    if (found) choices.set(row.domain_oid, found)
  }
  return choices
}

/** Both lists must allow a value, so keep the first list's values (and order) that the second allows. */
function narrow(current: readonly string[] | null, found: readonly string[] | null): readonly string[] | null {
  if (!found) return current
  if (!current) return found
  return current.filter((value) => found.includes(value))
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group) group.push(item)
    else groups.set(key(item), [item])
  }
  return groups
}
