import assert from 'node:assert/strict'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import type { Logger } from '../../src/logger.js'
import { createSqliteDb, type TestDb } from '../helpers/test-db.js'

function collecting(): Logger & { readonly lines: string[] } {
  const lines: string[] = []
  const add = (level: string) => (message: string) => void lines.push(`${level} ${message}`)
  return { lines, info: add('info'), warn: add('warn'), error: add('error') }
}

describe('the logger option', () => {
  let testDb: TestDb
  let connection: Connection
  let schema: SchemaMetadata
  before(async () => {
    testDb = await createSqliteDb('pragma journal_mode = wal; create table notes (id integer primary key, body text)')
    connection = await connect(testDb.url)
    schema = await connection.dialect.introspect(connection.db)
  })
  after(async () => {
    await connection.close()
    await testDb.drop()
  })

  it('start-up warnings and unexpected errors go to the logger, none to the console', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {})
    const error = t.mock.method(console, 'error', () => {})
    const logger = collecting()
    const admin = createAdmin({
      db: connection.db,
      schema,
      logger,
      audit: { target: join(dirname(testDb.url.replace(/^sqlite:/, '')), 'audit.db') },
      identity: (c) => {
        if (c.req.query('boom') !== undefined) throw new Error('the identity hook failed')
        return { id: '1', name: 'tester', roles: ['admin'] }
      },
    })
    assert.equal((await admin.request('/main/notes/')).status, 200)
    assert.ok(
      logger.lines.some((line) => /^warn steward: .*WAL mode.*not committed atomically/.test(line)),
      logger.lines.join('\n'),
    )
    assert.equal((await admin.request('/main/notes/?boom')).status, 500)
    assert.ok(logger.lines.includes('error steward: unexpected error'), logger.lines.join('\n'))
    assert.equal(warn.mock.callCount(), 0)
    assert.equal(error.mock.callCount(), 0)
  })
})
