import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely'
import pg from 'pg'
import { connect, type Connection } from '../../src/db/connect.js'
import { createPostgresDb, dialects, type TestDb } from '../helpers/test-db.js'

const setup = `create table items (id integer primary key, name text); insert into items values (1, 'a'), (2, 'b');`

for (const dialect of dialects) {
  describe(`timed reads on ${dialect.name}`, () => {
    let testDb: TestDb
    let connection: Connection
    before(async () => {
      testDb = await dialect.create(setup)
      connection = await connect(testDb.url, { poolSize: 1 })
    })
    after(async () => {
      await connection?.close()
      await testDb?.drop()
    })

    it('a timed statement answers its rows, with bound parameters or without', async () => {
      const { db, dialect: d } = connection
      const plain = await d.timedStatement(db, 1_000, sql<{ n: unknown }>`select count(*) as n from items`)
      assert.deepEqual(
        plain.rows.map((row) => Number(row.n)),
        [2],
      )
      const bound = await d.timedStatement(db, 1_000, sql<{ name: string }>`select name from items where id = ${2}`)
      assert.deepEqual(bound.rows, [{ name: 'b' }])
    })

    it('a read session answers each read, and a failed read leaves the others their answers', async () => {
      const { db, dialect: d } = connection
      const names = (trx: typeof db) => sql<{ name: string }>`select name from items order by id`.execute(trx)
      const answers = await d.readSession(db, async (reads) => [
        (await d.withStatementTimeout(reads, 1_000, names)).rows.length,
        await d
          .withStatementTimeout(reads, 1_000, (trx) => sql`select * from missing_table`.execute(trx))
          .then(
            () => 'read',
            (error) => d.mapError(error)?.code ?? 'not a database error',
          ),
        (await d.timedStatement(reads, 1_000, sql<{ n: unknown }>`select count(*) as n from items`)).rows.length,
        (await d.withStatementTimeout(reads, 1_000, names)).rows.length,
      ])
      assert.deepEqual(answers, [2, 'other', 1, 2])
    })

    it('a timed transaction answers what its function returns', async () => {
      const { db, dialect: d } = connection
      const names = await d.withStatementTimeout(db, 1_000, async (trx) =>
        (await sql<{ name: string }>`select name from items order by id`.execute(trx)).rows.map((row) => row.name),
      )
      assert.deepEqual(names, ['a', 'b'])
    })
  })
}

// SQLite (better-sqlite3) cannot interrupt a statement: only Postgres has the timeout.
describe('timed reads on Postgres: the timeout, the round trips, nothing left behind', () => {
  let testDb: TestDb
  let connection: Connection
  let calls: string[] = []
  before(async () => {
    testDb = await createPostgresDb(setup)
    // One pooled connection: every call below runs on the same server session, so a leaked setting would show.
    connection = await connect(testDb.url, {
      poolSize: 1,
      log: (event: LogEvent) => void calls.push(event.query.sql),
    })
  })
  after(async () => {
    await connection?.close()
    await testDb?.drop()
  })
  const settings = async () =>
    (
      await sql<{
        statement: string
        lock: string
        open: boolean
      }>`select current_setting('statement_timeout') as statement,
        current_setting('lock_timeout') as lock, now() <> statement_timestamp() as open`.execute(connection.db)
    ).rows[0]

  it('cancels a slow statement, with or without bound parameters, and leaves the session as it was', async () => {
    const { db, dialect } = connection
    const before = await settings()
    for (const slow of [sql`select pg_sleep(2)`, sql`select pg_sleep(${2})`]) {
      await assert.rejects(
        dialect.timedStatement(db, 100, slow),
        (error) => dialect.mapError(error)?.code === 'timeout',
      )
      assert.deepEqual(await settings(), before)
    }
    await assert.rejects(
      dialect.withStatementTimeout(db, 100, (trx) => sql`select pg_sleep(2)`.execute(trx)),
      (error) => dialect.mapError(error)?.code === 'timeout',
    )
    assert.deepEqual(await settings(), before)
    await dialect.writeTransaction(db, 100, (trx) => sql`update items set name = name`.execute(trx))
    assert.deepEqual(await settings(), before)
  })

  it('a statement without parameters takes one round trip with its timeout; a transaction sets its timeout as it begins', async () => {
    const { db, dialect } = connection
    calls = []
    await dialect.timedStatement(db, 1_000, sql`select count(*) from items`)
    assert.equal(calls.length, 1, calls.join('\n'))
    calls = []
    await dialect.withStatementTimeout(db, 1_000, (trx) => sql`select name from items where id = ${1}`.execute(trx))
    assert.equal(calls.length, 3, calls.join('\n'))
    assert.match(calls[0]!, /^begin; select set_config\('statement_timeout', '1000', true\)$/)
    assert.equal(calls[2], 'commit')
  })

  it("answers right on a host application's own Kysely and pg pool (which answer several statements with an array)", async () => {
    const pool = new pg.Pool({ connectionString: testDb.url, max: 1 })
    const own = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
    try {
      const { dialect } = connection
      const counted = await dialect.timedStatement(own, 1_000, sql<{ n: unknown }>`select count(*) as n from items`)
      assert.deepEqual(
        counted.rows.map((row) => Number(row.n)),
        [2],
      )
      await assert.rejects(
        dialect.timedStatement(own, 100, sql`select pg_sleep(2)`),
        (error) => dialect.mapError(error)?.code === 'timeout',
      )
    } finally {
      await own.destroy()
    }
  })

  it('a read session runs its reads in one transaction, and after a failed one in a new one', async () => {
    const { db, dialect } = connection
    const before = await settings()
    calls = []
    const read = (reads: typeof db, slow = false) =>
      dialect
        .withStatementTimeout(reads, 100, (trx) =>
          slow ? sql`select pg_sleep(2)`.execute(trx) : sql`select name from items where id = ${1}`.execute(trx),
        )
        .then(
          () => 'read',
          (error) => dialect.mapError(error)?.code,
        )
    const answers = await dialect.readSession(db, async (reads) => [
      await read(reads),
      await read(reads),
      await read(reads, true),
      await read(reads),
    ])
    assert.deepEqual(answers, ['read', 'read', 'timeout', 'read'])
    const statements = calls.map((text) => text.replace(/\s+/g, ' '))
    assert.deepEqual(
      statements.map((text) =>
        /^begin; select set_config/.test(text) ? 'begin' : /^select /.test(text) ? 'read' : text,
      ),
      ['begin', 'read', 'read', 'read', 'rollback', 'begin', 'read', 'commit'],
    )
    assert.deepEqual(await settings(), before)
  })

  it('refuses a timed read inside another (it would end the outer transaction early), and leaves nothing open', async () => {
    const { db, dialect } = connection
    const nested = (outer: typeof db) =>
      dialect.withStatementTimeout(outer, 1_000, (trx) =>
        dialect.withStatementTimeout(trx, 1_000, (inner) => sql`select 1`.execute(inner)),
      )
    await assert.rejects(nested(db), /inside another/)
    await assert.rejects(
      dialect.readSession(db, (reads) => nested(reads)),
      /inside another/,
    )
    assert.equal((await settings())?.open, false)
  })

  it('a read session that runs no read opens no transaction', async () => {
    const { db, dialect } = connection
    calls = []
    assert.equal(await dialect.readSession(db, async () => 'nothing'), 'nothing')
    assert.deepEqual(calls, [])
  })

  it('a timed transaction rolls back when its function throws, and the connection serves the next one', async () => {
    const { db, dialect } = connection
    await assert.rejects(
      dialect.withStatementTimeout(db, 1_000, async (trx) => {
        await sql`update items set name = 'changed'`.execute(trx)
        throw new Error('stop')
      }),
      /stop/,
    )
    const { rows } = await sql<{ name: string }>`select name from items order by id`.execute(db)
    assert.deepEqual(
      rows.map((row) => row.name),
      ['a', 'b'],
    )
    assert.equal((await settings())?.open, false)
  })
})
