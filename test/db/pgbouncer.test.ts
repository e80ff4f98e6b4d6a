import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { connect, type Connection } from '../../src/db/connect.js'
import { ConnectError } from '../../src/db/database-url.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { readForm, EditClient } from '../http/edit-client.js'
import { startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js'
import { createPostgresDb, type TestDb } from '../helpers/test-db.js'

const setup = `
  create table items (id serial primary key, name text not null, qty integer);
  insert into items (name, qty) select 'item ' || n, n from generate_series(1, 60) as n;
  create role reader login password 'reader';
  grant select on all tables in schema public to reader;`

/** What a pooled server connection must be left with after any client's transaction: the server defaults. */
async function sessionSettings(db: Connection['db']) {
  const { rows } = await sql<Record<string, string>>`select current_setting('statement_timeout') as statement_timeout,
    current_setting('lock_timeout') as lock_timeout,
    current_setting('default_transaction_read_only') as read_only`.execute(db)
  return rows[0]
}

// Transaction pooling hands a server connection to another client after each transaction: anything Steward
// set outside a transaction would leak into the next client's statements. One server connection for all makes
// every leak visible. https://www.pgbouncer.org/features.html
describe('behind PgBouncer in transaction pooling mode', () => {
  let test: TestDb
  let bouncer: PgBouncer
  before(async () => {
    test = await createPostgresDb(setup)
    bouncer = await startPgBouncer(test.url, {
      poolMode: 'transaction',
      poolSize: 1,
      users: [
        { name: 'postgres', password: 'postgres' },
        { name: 'reader', password: 'reader' },
      ],
    })
  })
  after(async () => {
    await bouncer?.stop()
    await test?.exec('drop owned by reader; drop role reader').catch(() => {})
    await test?.drop()
  })
  const database = () => new URL(test.url).pathname.slice(1)

  it('lists, searches, exports, edits and deletes, and leaves no setting behind on the shared connection', async () => {
    const connection = await connect(bouncer.url('postgres', 'postgres', database()), { poolSize: 6 })
    try {
      const schema = await connection.dialect.introspect(connection.db)
      const before = await sessionSettings(connection.db)
      const app = createAdmin({ db: connection.db, schema, checkDrift: false })
      const client = new EditClient(app)
      const pages = await Promise.all(
        [
          '/',
          '/public/items/',
          '/public/items/?q=item+4&sort=-qty',
          '/public/items/row/7',
          '/public/items/export.csv',
        ].map((path) => client.get(path)),
      )
      assert.deepEqual(
        pages.map((page) => page.status),
        [200, 200, 200, 200, 200],
      )
      assert.match(pages[2]!.html, /item 49/)
      assert.match(pages[4]!.html, /^id,name,qty/)

      const edit = await client.get('/public/items/row/7/edit')
      const form = readForm(edit.html, '/edit')
      const pairs = form.pairs.map(([name, value]) => [name, name === 'v:name' ? 'renamed' : value] as const)
      const saved = await client.follow(await client.post(form.action, pairs))
      assert.match(saved.html, /renamed/)
      const preview = await client.get('/public/items/row/8/delete')
      const deleted = await client.post(
        readForm(preview.html, '/delete').action,
        readForm(preview.html, '/delete').pairs,
      )
      assert.equal(deleted.status, 303)

      const { rows } = await sql<{ name: string }>`select name from items where id in (7, 8) order by id`.execute(
        connection.db,
      )
      assert.deepEqual(rows, [{ name: 'renamed' }])
      assert.deepEqual(await sessionSettings(connection.db), before)
    } finally {
      await connection.close()
    }
  })

  it('refuses --read-only for a role that may write, and serves a read-only role with the database enforcing it', async () => {
    await assert.rejects(
      connect(bouncer.url('postgres', 'postgres', database()), { readOnly: true }),
      (error: unknown) =>
        error instanceof ConnectError && /ALTER ROLE name SET default_transaction_read_only/.test(error.message),
    )
    await test.exec('alter role reader set default_transaction_read_only = on')
    const connection = await connect(bouncer.url('reader', 'reader', database()), { readOnly: true })
    try {
      assert.equal((await sessionSettings(connection.db))?.read_only, 'on')
      await assert.rejects(
        connection.db.transaction().execute((trx) => sql`delete from items`.execute(trx)),
        /read-only transaction/,
      )
    } finally {
      await connection.close()
    }
  })
})
