import { sql } from 'kysely'
import type { IndexAdvisor } from './dialect.js'
import { indexName, quoteIdentifier as q } from './index-names.js'

/**
 * Postgres: a substring `ilike` can use a pg_trgm GIN index (https://www.postgresql.org/docs/current/pgtrgm.html#PGTRGM-INDEX);
 * CONCURRENTLY builds an index without blocking writes to the table, which matters on the big tables advised on.
 */
export const postgresIndexAdvisor: IndexAdvisor = {
  async readIndexKinds(db, only) {
    // `cast`: an expression part that is a column's text cast, as a search writes it (`cast(n as text)`).
    const { rows } = await sql<{
      schema: string
      table: string
      index: string
      method: string
      column: string | null
      cast: string | null
      opclass: string
    }>`
      select n.nspname as schema, c.relname as table, ic.relname as index, am.amname as method,
             a.attname as column, oc.opcname as opclass,
             (select ca.attname from pg_catalog.pg_attribute ca
              where ca.attrelid = c.oid and ca.attnum > 0 and k.attnum = 0
                and pg_catalog.pg_get_indexdef(i.indexrelid, k.n::int, false)
                    in ('((' || pg_catalog.quote_ident(ca.attname) || ')::text)',
                        '(' || pg_catalog.quote_ident(ca.attname) || ')::text')
             ) as cast
      from pg_catalog.pg_index i
      join pg_catalog.pg_class c on c.oid = i.indrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_class ic on ic.oid = i.indexrelid
      join pg_catalog.pg_am am on am.oid = ic.relam
      cross join lateral unnest(i.indkey::int2[], i.indclass::oid[]) with ordinality as k(attnum, opclass_oid, n)
      join pg_catalog.pg_opclass oc on oc.oid = k.opclass_oid
      left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum and k.attnum > 0
      where i.indpred is null and n.nspname not in ('pg_catalog', 'information_schema')
        ${only ? sql`and n.nspname = ${only.schema} and c.relname = ${only.name}` : sql``}`.execute(db)
    const substring = new Set<string>()
    const unordered = new Set<string>()
    for (const row of rows) {
      if (row.method !== 'btree') unordered.add(`${row.schema}.${row.index}`)
      if (!/^(gin|gist)_trgm_ops$/.test(row.opclass)) continue
      if (row.column) substring.add(`${row.schema}.${row.table}.${row.column}`)
      if (row.cast) substring.add(`${row.schema}.${row.table}.${row.cast}::text`)
    }
    return { substring, unordered }
  },
  substringIndex(table, column, castToText) {
    const term = castToText ? `(${q(column)}::text)` : q(column)
    return [
      'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
      `CREATE INDEX CONCURRENTLY ${q(indexName(table.name, [column], 'trgm'))} ON ${q(table.schema)}.${q(table.name)} USING gin (${term} gin_trgm_ops);`,
    ]
  },
  btreeIndex(table, columns) {
    return `CREATE INDEX CONCURRENTLY ${q(indexName(table.name, columns, 'idx'))} ON ${q(table.schema)}.${q(table.name)} (${columns.map(q).join(', ')});`
  },
}
