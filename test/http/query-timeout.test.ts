import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connect } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { createPostgresDb } from '../helpers/test-db.js'

// SQLite (better-sqlite3) has no way to interrupt a statement, so only Postgres has a statement timeout.
describe('list query timeout (Postgres)', () => {
  it('a list slower than the statement timeout becomes a readable 503 page; other pages work', async () => {
    const testDb = await createPostgresDb(`
      create table fast (id integer primary key);
      create view slow as select 1 as id, pg_sleep(2)::text as x;`)
    const connection = await connect(testDb.url)
    try {
      const schema = await connection.dialect.introspect(connection.db)
      const admin = createAdmin({ db: connection.db, schema, config: { statementTimeoutMs: 200 }, checkDrift: false })
      const started = performance.now()
      const res = await admin.request('/public/slow/')
      const html = await res.text()
      assert.equal(res.status, 503)
      assert.ok(html.includes('took longer than 0.2 s and was stopped'))
      assert.ok(!html.includes('canceling statement'), 'no driver text')
      assert.ok(performance.now() - started < 1_500, 'cancelled, not waited for')
      assert.equal((await admin.request('/public/fast/')).status, 200)
    } finally {
      await connection.close()
      await testDb.drop()
    }
  })
})
