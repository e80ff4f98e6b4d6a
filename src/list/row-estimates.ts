import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Table } from '../introspect/metadata.js'

/**
 * Planner row estimates by `schema.name`, where the engine keeps them (Postgres `pg_class.reltuples`,
 * refreshed by ANALYZE/autovacuum: https://www.postgresql.org/docs/current/catalog-pg-class.html).
 * A relation never analysed has -1 and is left out, so it gets counted instead. One query for all tables (or `only` one).
 */
export async function loadRowEstimates(
  db: Kysely<any>,
  dialect: Dialect,
  only?: Pick<Table, 'schema' | 'name'>,
): Promise<Map<string, number>> {
  const estimates = new Map<string, number>()
  if (!dialect.capabilities.rowEstimates) return estimates
  const { rows } = await sql<{ schema: string; name: string; estimate: number }>`
    select n.nspname as schema, c.relname as name, c.reltuples::float8 as estimate
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'm', 'f') and c.reltuples >= 0
      and n.nspname not in ('pg_catalog', 'information_schema')
      ${only ? sql`and n.nspname = ${only.schema} and c.relname = ${only.name}` : sql``}`.execute(db)
  for (const row of rows) estimates.set(estimateKey(row.schema, row.name), Math.round(Number(row.estimate)))
  return estimates
}

export function estimateKey(schema: string, name: string): string {
  return JSON.stringify([schema, name])
}
