import type { Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { Table } from '../introspect/metadata.js'

/**
 * Planner row estimates by `schema.name` (see `Dialect.readRowEstimates`); a table never analysed is
 * left out, so it gets counted instead. One query for all tables (or `only` one).
 */
export async function loadRowEstimates(
  db: Kysely<any>,
  dialect: Dialect,
  only?: Pick<Table, 'schema' | 'name'>,
): Promise<Map<string, number>> {
  const rows = await dialect.readRowEstimates(db, only)
  return new Map(rows.map((row) => [estimateKey(row.schema, row.name), row.estimate]))
}

export function estimateKey(schema: string, name: string): string {
  return JSON.stringify([schema, name])
}
