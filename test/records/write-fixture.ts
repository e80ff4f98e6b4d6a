import { connect, type Connection } from '../../src/db/connect.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { buildResources } from '../../src/resources/build-resources.js'
import type { StewardConfig } from '../../src/resources/define-config.js'
import type { Resource } from '../../src/resources/resource.js'
import type { TestDb } from '../helpers/test-db.js'

/** A fresh database of one dialect, connected and introspected, with its resources by table name. */
export interface WriteFixture {
  readonly test: TestDb
  readonly conn: Connection
  readonly schema: SchemaMetadata
  resource(name: string): Resource
  /** One value from a plain query outside Steward (to check what the database really holds). */
  scalar(sqlText: string): Promise<unknown>
  close(): Promise<void>
}

export async function openFixture(
  create: (sql: string) => Promise<TestDb>,
  setupSql: string,
  config: StewardConfig = {},
): Promise<WriteFixture> {
  const test = await create(setupSql)
  const conn = await connect(test.url)
  const schema = await conn.dialect.introspect(conn.db)
  const resources = buildResources(schema, config, { defaultSchema: conn.dialect.defaultSchema })
  return {
    test,
    conn,
    schema,
    resource(name) {
      const found = resources.find((resource) => resource.table.name === name)
      if (!found) throw new Error(`no table ${name}`)
      return found
    },
    async scalar(sqlText) {
      const { sql } = await import('kysely')
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(sqlText)}`.execute(conn.db)
      const first = rows[0]
      return first ? Object.values(first)[0] : undefined
    },
    async close() {
      await conn.close()
      await test.drop()
    },
  }
}
