import assert from 'node:assert/strict'
import { join, dirname } from 'node:path'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import Database from 'better-sqlite3'
import { writeAuditEntry } from '../../src/audit/audit-entry.js'
import { readHistory } from '../../src/audit/audit-history.js'
import { auditLogFor, setUpAuditLog, type AuditLog } from '../../src/audit/audit-log.js'
import { connect } from '../../src/db/connect.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { createPostgresDb, createSqliteDb, dialects, type TestDb } from '../helpers/test-db.js'

const createDb = { postgres: createPostgresDb, sqlite: createSqliteDb }

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

/** An audit table as an earlier version created it: no `note`, no `reason`, one entry in it. */
const oldColumns = (key: string) => `id ${key}, at text not null, actor text, table_schema text not null,
  table_name text not null, record_key text not null, action text not null, changes text not null`
const oldEntry = `insert into audit_log (at, actor, table_schema, table_name, record_key, action, changes)
  values ('2020-01-01T00:00:00.000Z', 'old', 'main', 't', '1', 'update', '{}')`
const oldLogs: Record<DialectName, (test: TestDb) => Promise<AuditLog>> = {
  async postgres(test) {
    await test.exec(`create schema steward; set search_path = steward; create table audit_log (${oldColumns('bigint generated always as identity primary key')});
      ${oldEntry}; set search_path = public`)
    return auditLogFor('postgres', 'steward.audit_log')
  },
  async sqlite(test) {
    const file = join(dirname(test.url.replace(/^sqlite:/, '')), 'old-audit.db')
    const old = new Database(file)
    old.exec(`create table audit_log (${oldColumns('integer primary key')}); ${oldEntry}`)
    old.close()
    return auditLogFor('sqlite', file)
  },
}

for (const { name: dialect } of dialects) {
  it(`${dialect}: an audit table of an earlier version gets the note and reason columns and keeps its entries`, async () => {
    const test = await createDb[dialect]('create table t (id int primary key)')
    const connection = await connect(test.url)
    try {
      const log = await oldLogs[dialect](test)
      await setUpAuditLog(connection.db, log)
      await setUpAuditLog(connection.db, log)
      const table = { schema: 'main', name: 't' }
      await writeAuditEntry(
        connection.db,
        { log, actor: 'new', reason: 'Asked by phone' },
        {
          table,
          recordKey: '1',
          action: 'update',
          changes: { a: [1, 2] },
        },
      )
      const history = await readHistory(connection.db, log, table, '1', 10)
      assert.deepEqual(
        history.map((entry) => [entry.actor, entry.note, entry.reason]),
        [
          ['new', null, 'Asked by phone'],
          ['old', null, null],
        ],
      )
    } finally {
      await connection.close()
      await test.drop()
    }
  })
}
