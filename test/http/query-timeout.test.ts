import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { withAdmin } from '../helpers/test-db.js'

/** Statements over the slow view that another backend of this database is still running. */
const stillRunning = sql<{ query: string }>`
  select query from pg_stat_activity
  where datname = current_database() and state = 'active' and pid <> pg_backend_pid() and query like '%slow%'`

// SQLite (better-sqlite3) has no way to interrupt a statement, so only Postgres has a statement timeout.
describe('list query timeout (Postgres)', () => {
  it('a list slower than the statement timeout becomes a readable 503 page, the query is cancelled, other pages work', async () => {
    const setup = `
      create table fast (id integer primary key);
      create view slow as select 1 as id, pg_sleep(2)::text as x;`
    await withAdmin('postgres', setup, async (fx) => {
      const admin = fx.admin({ config: { statementTimeoutMs: 200 } })
      const res = await admin.request('/public/slow/')
      const html = await res.text()
      assert.equal(res.status, 503)
      assert.ok(html.includes('took longer than 0.2 s and was stopped'))
      assert.ok(!html.includes('canceling statement'), 'no driver text')
      // Cancelled by the server, not merely given up on: no backend still runs the list's query.
      assert.deepEqual((await stillRunning.execute(fx.connection.db)).rows, [], 'the slow statement was cancelled')
      assert.equal((await admin.request('/public/fast/')).status, 200)
    })
  })
})
