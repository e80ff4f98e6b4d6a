import { z } from 'zod'

/**
 * The shape of everything Steward knows about a database. Produced by an introspector,
 * written to `generated/schema.ts`, read by every page. Plain, frozen, deterministically sorted data.
 */

export const columnKinds = [
  'text',
  'integer',
  'bigint',
  'decimal',
  'float',
  'boolean',
  'date',
  'datetime',
  'time',
  'interval',
  'uuid',
  'json',
  'enum',
  'array',
  'binary',
  'network',
  'unknown',
] as const
export const ColumnKind = z.enum(columnKinds)
export type ColumnKind = z.infer<typeof ColumnKind>

export const referentialActions = ['no action', 'restrict', 'cascade', 'set null', 'set default'] as const
export const ReferentialAction = z.enum(referentialActions)
export type ReferentialAction = z.infer<typeof ReferentialAction>

export const Column = z.object({
  name: z.string(),
  /** The type as the database states it, with modifiers: `numeric(38,10)`, `character varying(20)`, `integer[]`, `my_domain`. */
  dataType: z.string(),
  /** The type name with modifiers stripped and domains resolved to their base: `numeric`, `varchar`, `int4`, `_text`. */
  baseType: z.string(),
  kind: ColumnKind,
  nullable: z.boolean(),
  /** The default expression as SQL text, e.g. `now()` or `'pending'::text`. */
  default: z.string().nullable(),
  /** `always`/`by default` for identity columns. */
  identity: z.enum(['always', 'by default']).nullable(),
  /** Assigned by the database when omitted: serial, identity, SQLite rowid alias / AUTOINCREMENT. */
  autoIncrement: z.boolean(),
  /** Computed by the database and never written: `stored` or `virtual` generated columns. */
  generated: z.enum(['stored', 'virtual']).nullable(),
  /** Maximum character length (varchar(n), char(n)). */
  length: z.number().int().nullable(),
  precision: z.number().int().nullable(),
  scale: z.number().int().nullable(),
  /** Allowed values in declared order: a Postgres enum, or a simple `CHECK (col IN (…))`. */
  choices: z.array(z.string()).nullable(),
  /** For arrays: the element's type name (e.g. `int4`), and its kind. */
  arrayElementType: z.string().nullable(),
  /** The domain's name when the column is declared with a Postgres domain. */
  domain: z.string().nullable(),
  comment: z.string().nullable(),
})
export type Column = z.infer<typeof Column>

export const ForeignKey = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  refSchema: z.string(),
  refTable: z.string(),
  refColumns: z.array(z.string()),
  onDelete: ReferentialAction,
  onUpdate: ReferentialAction,
})
export type ForeignKey = z.infer<typeof ForeignKey>

export const UniqueConstraint = z.object({ name: z.string(), columns: z.array(z.string()) })
export type UniqueConstraint = z.infer<typeof UniqueConstraint>

export const Index = z.object({
  name: z.string(),
  /** Column names; an expression part appears as its SQL text. */
  columns: z.array(z.string()),
  unique: z.boolean(),
  partial: z.boolean(),
})
export type Index = z.infer<typeof Index>

export const CheckConstraint = z.object({ name: z.string(), expression: z.string() })
export type CheckConstraint = z.infer<typeof CheckConstraint>

export const TableType = z.enum(['table', 'view', 'materialized view', 'foreign table'])
export type TableType = z.infer<typeof TableType>

export const Table = z.object({
  schema: z.string(),
  name: z.string(),
  type: TableType,
  comment: z.string().nullable(),
  columns: z.array(Column),
  /** Key columns in key order; empty when the table has no primary key. */
  primaryKey: z.array(z.string()),
  foreignKeys: z.array(ForeignKey),
  uniques: z.array(UniqueConstraint),
  indexes: z.array(Index),
  checks: z.array(CheckConstraint),
  /** SQLite table options; both false on Postgres. */
  withoutRowid: z.boolean(),
  strict: z.boolean(),
  /** Planner estimate (Postgres) or a capped count (SQLite); null when unknown. Not part of generated output. */
  estimatedRows: z.number().nullable(),
})
export type Table = z.infer<typeof Table>

export const Dialect = z.enum(['postgres', 'sqlite'])
export type DialectName = z.infer<typeof Dialect>

export const SchemaMetadata = z.object({
  dialect: Dialect,
  schemas: z.array(z.string()),
  /** Sorted by schema, then name. */
  tables: z.array(Table),
})
export type SchemaMetadata = z.infer<typeof SchemaMetadata>

/** The schema-qualified name a table is known by in messages and config: `name` in the default schema, else `schema.name`. */
export function qualifiedName(table: Pick<Table, 'schema' | 'name'>, defaultSchema: string): string {
  return table.schema === defaultSchema ? table.name : `${table.schema}.${table.name}`
}
