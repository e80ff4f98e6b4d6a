import assert from 'node:assert/strict'
import { join, dirname } from 'node:path'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { auditLogFor, setUpAuditLog } from '../../src/audit/audit-log.js'
import { connect } from '../../src/db/connect.js'
import { createPostgresDb, createSqliteDb } from '../helpers/test-db.js'

describe('audit log set-up', () => {
  it('Postgres: creates the schema and table once; running again changes nothing', async () => {
    const test = await createPostgresDb('create table t (id int primary key)')
    const connection = await connect(test.url)
    try {
      const log = auditLogFor('postgres', 'ops.changes')
      await setUpAuditLog(connection.db, log)
      await setUpAuditLog(connection.db, log)
      const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables
        where table_schema = 'ops'`.execute(connection.db)
      assert.deepEqual(
        rows.map((row) => row.table_name),
        ['changes'],
      )
    } finally {
      await connection.close()
      await test.drop()
    }
  })

  it('SQLite: attaches the file once and warns when the database is in WAL mode', async () => {
    const test = await createSqliteDb('pragma journal_mode = wal; create table t (id integer primary key)')
    const connection = await connect(test.url)
    try {
      const log = auditLogFor('sqlite', join(dirname(test.url.replace(/^sqlite:/, '')), 'audit.db'))
      const warnings = await setUpAuditLog(connection.db, log)
      await setUpAuditLog(connection.db, log)
      const { rows } = await sql<{ name: string }>`select name from pragma_database_list`.execute(connection.db)
      assert.deepEqual(
        rows.map((row) => row.name),
        ['main', 'steward_audit'],
      )
      assert.match(String(warnings[0]), /WAL mode.*not committed atomically/)
    } finally {
      await connection.close()
      await test.drop()
    }
  })
})
