import { sql } from 'kysely'
import type { OwnTables } from './dialect.js'

/** Steward's tables in a schema of the user's database (`steward` by default), committed with the user's. */
export const postgresOwnTables: OwnTables = {
  inFile: false,
  defaultPlace: () => 'steward',
  async prepare(db, { schema }) {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db)
  },
  commitsAtomically: async () => true,
  numberedKey: sql`bigint generated always as identity primary key`,
  async createIndex(db, { schema, table, name, columns }) {
    await sql`create index if not exists ${sql.id(name)} on ${sql.id(schema, table)} ${columns}`.execute(db)
  },
  async columnNames(db, schema, table) {
    const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_schema = ${schema} and table_name = ${table}`.execute(db)
    return rows.map((row) => row.name)
  },
}
