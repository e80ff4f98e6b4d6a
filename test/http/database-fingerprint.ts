import { sql } from 'kysely'
import type { Connection } from '../../src/db/connect.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { quoted } from './crawl-pages.js'

/**
 * Every row of every table as the database stores it, in one statement: Postgres the text form of each row
 * and its xmin (so a rewrite to the same value shows), SQLite quote() and typeof() of every column.
 */
export function databaseFingerprint(connection: Connection, schema: SchemaMetadata): () => Promise<string> {
  const pg = connection.dialect.name === 'postgres'
  const tables = schema.tables.filter((table) => table.type === 'table')
  const parts = tables.map((table) => {
    const from = `${quoted(table.schema)}.${quoted(table.name)}`
    const row = pg
      ? `t::text || '@' || t.xmin::text`
      : table.columns.map((c) => `typeof(t.${quoted(c.name)}) || ':' || quote(t.${quoted(c.name)})`).join(" || ',' || ")
    const aggregate = pg ? `string_agg(r, E'\\n' order by r)` : `group_concat(r, char(10))`
    const inner = pg ? `select ${row} as r from ${from} as t` : `select ${row} as r from ${from} as t order by r`
    return `(select coalesce(${aggregate}, '') from (${inner}) as rows)`
  })
  const query = `select ${parts.map((part, i) => `${part} as t${i}`).join(', ')}`
  return async () => {
    const { rows } = await sql.raw<Record<string, string>>(query).execute(connection.db)
    return tables.map((table, i) => `${table.schema}.${table.name}\n${rows[0]?.[`t${i}`] ?? ''}`).join('\n\n')
  }
}
