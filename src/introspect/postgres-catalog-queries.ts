import { sql, type Kysely } from 'kysely'

// Set-based reads of pg_catalog, one query per kind of fact for the whole database. Every name is
// read from attname/relname/nspname (never information_schema's folded copies) and cast to text,
// and every value to a type node-postgres parses the same way whatever type parsers the pool has.
// Supports PostgreSQL 12+ (pg_partition_tree, conparentid, indnkeyatts).

export interface RelationRow {
  readonly oid: string
  readonly schema: string
  readonly name: string
  /** r, p, v, m or f */
  readonly relkind: string
  readonly comment: string | null
  readonly estimated_rows: number | null
}

export interface ColumnRow {
  readonly relation: string
  readonly name: string
  readonly data_type: string
  /** The column's typmod, or its domain's when the column has none; null when neither has one. */
  readonly typmod: number | null
  readonly not_null: boolean
  readonly domain_not_null: boolean
  readonly domain: string | null
  readonly domain_oid: string | null
  readonly base_oid: string
  readonly base_type: string
  readonly is_enum: boolean
  readonly is_array: boolean
  readonly element_oid: string | null
  readonly element_type: string | null
  /** pg_attribute.attidentity: '' | 'a' | 'd' */
  readonly identity: string
  /** pg_attribute.attgenerated: '' | 's' | 'v' */
  readonly generated: string
  /** The column's own default, else the one its domain gives it; null for identity and generated columns. */
  readonly default_expr: string | null
  readonly comment: string | null
}

export interface ConstraintRow {
  readonly relation: string
  readonly name: string
  /** p, u, f or c */
  readonly type: string
  readonly columns: string[]
  readonly ref_schema: string | null
  readonly ref_table: string | null
  readonly ref_columns: string[] | null
  readonly on_delete: string
  readonly on_update: string
  readonly definition: string | null
}

export interface IndexRow {
  readonly relation: string
  readonly name: string
  readonly unique: boolean
  readonly partial: boolean
  readonly columns: string[]
}

export interface LabelsRow {
  readonly type_oid: string
  readonly labels: string[]
}

export interface DomainCheckRow {
  readonly domain_oid: string
  readonly definition: string
}

const rows = async <T>(db: Kysely<any>, query: ReturnType<typeof sql<T>>): Promise<T[]> =>
  (await query.execute(db)).rows

/** Non-system schemas, or those of `only` that exist. */
export function readSchemas(db: Kysely<any>, only: readonly string[] | undefined): Promise<string[]> {
  const filter = only
    ? sql`n.nspname::text = any(${[...only]}::text[])`
    : sql`n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
          and n.nspname not like 'pg\\_temp%'`
  return rows(db, sql<{ name: string }>`select n.nspname::text as name from pg_namespace n where ${filter}`).then(
    (found) => found.map((row) => row.name),
  )
}

/**
 * Tables, views, materialized views and foreign tables; a partitioned table stands for its
 * partitions, which are left out. A partitioned parent's estimate is the sum of its analysed leaves,
 * since autovacuum never analyses the parent itself.
 */
export function readRelations(db: Kysely<any>, schemas: readonly string[]): Promise<RelationRow[]> {
  return rows(
    db,
    sql<RelationRow>`
      select c.oid::text as oid, n.nspname::text as schema, c.relname::text as name, c.relkind::text as relkind,
             obj_description(c.oid, 'pg_class') as comment,
             case
               when c.relkind = 'v' then null
               when c.relkind = 'p' then (
                 select sum(round(leaf.reltuples))::float8
                 from pg_partition_tree(c.oid) tree join pg_class leaf on leaf.oid = tree.relid
                 where tree.isleaf and leaf.reltuples >= 0)
               when c.reltuples >= 0 then round(c.reltuples)::float8
             end as estimated_rows
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname::text = any(${[...schemas]}::text[])
        and c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition`,
  )
}

/**
 * Columns in attnum order, with domains (also domains over domains) resolved to their base type,
 * NOT NULL, typmod and default. https://www.postgresql.org/docs/current/sql-createdomain.html
 */
export function readColumns(db: Kysely<any>, relations: readonly string[]): Promise<ColumnRow[]> {
  return rows(
    db,
    sql<ColumnRow>`
      with recursive domain_chain as (
        select t.oid as domain_oid, t.typbasetype as base_oid, t.typtypmod as typmod, t.typnotnull as not_null,
               t.typdefault as default_expr
        from pg_type t where t.typtype = 'd'
        union all
        select chain.domain_oid, t.typbasetype, case when chain.typmod <> -1 then chain.typmod else t.typtypmod end,
               chain.not_null or t.typnotnull, coalesce(chain.default_expr, t.typdefault)
        from domain_chain chain join pg_type t on t.oid = chain.base_oid
        where t.typtype = 'd'
      ), domain_base as (
        select chain.* from domain_chain chain join pg_type t on t.oid = chain.base_oid where t.typtype <> 'd'
      )
      select a.attrelid::text as relation, a.attname::text as name,
             format_type(a.atttypid, a.atttypmod) as data_type,
             nullif(case when a.atttypmod <> -1 then a.atttypmod else coalesce(dom.typmod, -1) end, -1) as typmod,
             a.attnotnull as not_null, coalesce(dom.not_null, false) as domain_not_null,
             case when t.typtype = 'd' then
               case when tn.nspname = 'public' then t.typname::text else tn.nspname || '.' || t.typname end
             end as domain,
             case when t.typtype = 'd' then t.oid::text end as domain_oid,
             b.oid::text as base_oid, b.typname::text as base_type,
             b.typtype = 'e' as is_enum, b.typcategory = 'A' as is_array,
             e.oid::text as element_oid, e.typname::text as element_type,
             a.attidentity::text as identity, a.attgenerated::text as generated,
             case when a.attidentity = '' and a.attgenerated = '' then
               coalesce(pg_get_expr(d.adbin, d.adrelid), dom.default_expr)
             end as default_expr,
             col_description(a.attrelid, a.attnum) as comment
      from pg_attribute a
      join pg_type t on t.oid = a.atttypid
      join pg_namespace tn on tn.oid = t.typnamespace
      left join domain_base dom on dom.domain_oid = a.atttypid
      join pg_type b on b.oid = coalesce(dom.base_oid, a.atttypid)
      left join domain_base edom on b.typcategory = 'A' and edom.domain_oid = b.typelem
      left join pg_type e on b.typcategory = 'A' and e.oid = coalesce(edom.base_oid, b.typelem)
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = any(${[...relations]}::oid[]) and a.attnum > 0 and not a.attisdropped
      order by a.attrelid, a.attnum`,
  )
}

/**
 * Primary key, unique, foreign key and check constraints with their columns in key order. Clones a
 * partitioned table makes of a constraint (conparentid <> 0) are left out: only the original counts.
 */
export function readConstraints(db: Kysely<any>, relations: readonly string[]): Promise<ConstraintRow[]> {
  return rows(
    db,
    sql<ConstraintRow>`
      select con.conrelid::text as relation, con.conname::text as name, con.contype::text as type,
             array(select a.attname::text
                   from unnest(con.conkey) with ordinality k(attnum, ord)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
                   order by k.ord) as columns,
             rn.nspname::text as ref_schema, rc.relname::text as ref_table,
             case when con.contype = 'f' then
               array(select a.attname::text
                     from unnest(con.confkey) with ordinality k(attnum, ord)
                     join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
                     order by k.ord)
             end as ref_columns,
             con.confdeltype::text as on_delete, con.confupdtype::text as on_update,
             case when con.contype = 'c' then pg_get_constraintdef(con.oid) end as definition
      from pg_constraint con
      left join pg_class rc on rc.oid = con.confrelid
      left join pg_namespace rn on rn.oid = rc.relnamespace
      where con.conrelid = any(${[...relations]}::oid[]) and con.contype in ('p', 'u', 'f', 'c')
        and con.conparentid = 0`,
  )
}

/** Every index, with its key columns (INCLUDE columns left out); an expression part as its SQL text. */
export function readIndexes(db: Kysely<any>, relations: readonly string[]): Promise<IndexRow[]> {
  return rows(
    db,
    sql<IndexRow>`
      select i.indrelid::text as relation, ic.relname::text as name, i.indisunique as unique,
             i.indpred is not null as partial,
             array(select case when i.indkey[k - 1] = 0 then pg_get_indexdef(i.indexrelid, k, true)
                               else (select a.attname::text from pg_attribute a
                                     where a.attrelid = i.indrelid and a.attnum = i.indkey[k - 1]) end
                   from generate_series(1, i.indnkeyatts) k order by k) as columns
      from pg_index i join pg_class ic on ic.oid = i.indexrelid
      where i.indrelid = any(${[...relations]}::oid[])`,
  )
}

/** Enum labels in declared order (enumsortorder), which is not their alphabetical order. */
export function readEnumLabels(db: Kysely<any>): Promise<LabelsRow[]> {
  return rows(
    db,
    sql<LabelsRow>`
      select enumtypid::text as type_oid, array_agg(enumlabel::text order by enumsortorder) as labels
      from pg_enum group by enumtypid`,
  )
}

/** CHECK constraints of each domain, its own and those of the domains it is built on. */
export function readDomainChecks(db: Kysely<any>): Promise<DomainCheckRow[]> {
  return rows(
    db,
    sql<DomainCheckRow>`
      with recursive chain as (
        select t.oid as domain_oid, t.oid as member_oid, 0 as depth from pg_type t where t.typtype = 'd'
        union all
        select chain.domain_oid, base.oid, chain.depth + 1
        from chain join pg_type member on member.oid = chain.member_oid
        join pg_type base on base.oid = member.typbasetype
        where base.typtype = 'd'
      )
      select chain.domain_oid::text as domain_oid, pg_get_constraintdef(con.oid) as definition
      from chain join pg_constraint con on con.contypid = chain.member_oid
      where con.contype = 'c'
      order by chain.domain_oid, chain.depth, con.conname`,
  )
}
