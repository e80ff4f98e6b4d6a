import assert from 'node:assert/strict'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { setImmediate } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import { connect, type Connection, type ConnectOptions } from '../../src/db/connect.js'
import { createSqliteDb, type TestDb } from '../helpers/test-db.js'

const fileOf = (test: TestDb) => test.url.replace(/^sqlite:/, '')

/** A SQLite file set up with `setupSql`, the main connection and its long-statement reader. */
async function withReader(
  setupSql: string,
  fn: (fx: { test: TestDb; connection: Connection; reader: Kysely<any> }) => Promise<void>,
  options: ConnectOptions & { statementTimeoutMs?: number } = {},
): Promise<void> {
  const test = await createSqliteDb(setupSql)
  const connection = await connect(test.url, options)
  const reader = connection.dialect.longReader(connection.db, {
    size: 2,
    statementTimeoutMs: options.statementTimeoutMs ?? 60_000,
  })
  try {
    await fn({ test, connection, reader })
  } finally {
    await reader.destroy()
    await connection.close()
    await test.drop()
  }
}

/** The dialect's code for what `query` fails with on `db`. */
async function failure(connection: Connection, db: Kysely<any>, query: ReturnType<typeof sql>): Promise<string> {
  try {
    await query.execute(db)
  } catch (error) {
    return connection.dialect.mapError(error)?.code ?? `unmapped: ${String(error)}`
  }
  return 'no failure'
}

describe('the SQLite reader for long statements (worker processes)', () => {
  it('returns values exactly as the main connection does, attached files included', async () => {
    const setup = `create table t (id integer primary key, big integer, small integer, r real, s text, b blob, n);
      insert into t values (1, 9007199254740993, -42, 1.5, 'text', x'00ff', null);`
    await withReader(setup, async ({ test, connection, reader }) => {
      const other = join(fileOf(test), '..', 'other.db')
      const side = new Database(other)
      side.exec(`create table extra (id integer primary key, name text); insert into extra values (7, 'attached');`)
      side.close()
      await sql`attach database ${other} as side`.execute(connection.db)
      const oddNames = sql`select x'01' as "__proto__", 1 as "a", 2 as "10", 3 as "a", 'q' as "it's ""quoted"""`
      for (const query of [sql`select * from t`, sql`select * from side.extra`, oddNames]) {
        const main = await query.execute(connection.db)
        const read = await query.execute(reader)
        assert.deepStrictEqual(read.rows, main.rows)
        assert.deepStrictEqual(
          read.rows.map((row) => Object.keys(row as object)),
          main.rows.map((row) => Object.keys(row as object)),
        )
      }
      assert.deepStrictEqual((await oddNames.execute(reader)).rows, [
        { ['__proto__']: Buffer.from([1]), a: 3, 10: 2, 'it\'s "quoted"': 'q' },
      ])
      const { rows } = await sql`select * from t`.execute(reader)
      assert.deepEqual(rows[0], {
        id: 1,
        big: '9007199254740993',
        small: -42,
        r: 1.5,
        s: 'text',
        b: Buffer.from([0, 255]),
        n: null,
      })
    })
  })

  it('fails with the same error codes as the main connection: a bad statement, a lock held too long', async () => {
    const setup = 'create table t (id integer primary key);'
    await withReader(
      setup,
      async ({ test, connection, reader }) => {
        for (const query of [sql`select nope from t`, sql`select * from missing`, sql`selec 1`]) {
          assert.equal(await failure(connection, reader, query), await failure(connection, connection.db, query))
        }
        const other = new Database(fileOf(test))
        other.exec('begin exclusive')
        try {
          assert.equal(await failure(connection, reader, sql`select * from t`), 'busy')
          assert.equal(await failure(connection, connection.db, sql`select * from t`), 'busy')
        } finally {
          other.exec('commit')
          other.close()
        }
        assert.deepEqual((await sql`select count(*) as n from t`.execute(reader)).rows, [{ n: 0 }])
      },
      { busyTimeoutMs: 0 },
    )
  })

  it('a file that is gone is "unavailable" for a new worker, never a crash of the server', async () => {
    await withReader('create table t (id integer primary key);', async ({ test, connection, reader }) => {
      rmSync(fileOf(test))
      assert.equal(await failure(connection, reader, sql`select * from t`), 'unavailable')
    })
  })

  it('stops a statement past the timeout (its worker is killed) and answers the next one with a new worker', async () => {
    await withReader(
      'create table t (id integer primary key); insert into t values (1);',
      async ({ connection, reader }) => {
        const endless = sql`with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n`
        // The statement after it in the same transaction finds the worker gone for the same reason: a timeout too.
        const codes = await connection.dialect.withStatementTimeout(reader, 200, async (trx) => [
          await failure(connection, trx, endless),
          await failure(connection, trx, sql`select id from t`),
        ])
        assert.deepEqual(codes, ['timeout', 'timeout'])
        assert.deepEqual((await sql`select id from t`.execute(reader)).rows, [{ id: 1 }])
        // Outside withStatementTimeout, the reader's own timeout applies.
        const quick = connection.dialect.longReader(connection.db, { size: 1, statementTimeoutMs: 200 })
        try {
          assert.equal(await failure(connection, quick, endless), 'timeout')
        } finally {
          await quick.destroy()
        }
      },
    )
  })

  it('a worker that dies, while running a statement or idle, fails that statement as "unavailable" and is replaced', async () => {
    await withReader(
      'create table t (id integer primary key); insert into t values (1);',
      async ({ test, connection, reader }) => {
        const pids: number[] = []
        const onStatement = (message: unknown) => pids.push((message as { pid: number }).pid)
        subscribe('steward:sqlite-read-worker:statement', onStatement)
        try {
          const other = new Database(fileOf(test))
          other.exec('begin exclusive')
          const waiting = failure(connection, reader, sql`select * from t`)
          // The statement is with its worker (waiting for the lock) once published.
          while (pids.length === 0) await setImmediate()
          process.kill(pids[0]!, 'SIGKILL')
          assert.equal(await waiting, 'unavailable')
          other.exec('commit')
          other.close()
          assert.deepEqual((await sql`select id from t`.execute(reader)).rows, [{ id: 1 }])
          const idle = pids.at(-1)!
          process.kill(idle, 'SIGKILL')
          while (isAlive(idle)) await setImmediate()
          assert.deepEqual((await sql`select id from t`.execute(reader)).rows, [{ id: 1 }])
          assert.notEqual(pids.at(-1), idle, 'a new worker answered')
        } finally {
          unsubscribe('steward:sqlite-read-worker:statement', onStatement)
        }
      },
      { busyTimeoutMs: 60_000 },
    )
  })

  it('runs the statements of withStatementTimeout on one worker, in one snapshot', async () => {
    const setup = 'pragma journal_mode = wal; create table t (id integer primary key); insert into t values (1);'
    await withReader(setup, async ({ connection, reader }) => {
      const count = async (db: Kysely<any>) =>
        (await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]?.n
      const seen = await connection.dialect.withStatementTimeout(reader, 60_000, async (trx) => {
        const before = await count(trx)
        await sql`insert into t values (2)`.execute(connection.db)
        return [before, await count(trx)]
      })
      assert.deepEqual(seen, [1, 1], 'the row written meanwhile is not in the snapshot')
      assert.equal(await count(reader), 2)
    })
  })
})

/** Whether the process is still there (not yet reaped: the pool has not been told it exited). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('the SQLite reader for long statements over an in-memory database', () => {
  it('has no file to share: its statements run on the main connection', async () => {
    const connection = await connect('sqlite::memory:')
    try {
      await sql`create table t (id integer primary key)`.execute(connection.db)
      await sql`insert into t values (1)`.execute(connection.db)
      const reader = connection.dialect.longReader(connection.db, { size: 1, statementTimeoutMs: 60_000 })
      const rows = await connection.dialect.withStatementTimeout(
        reader,
        60_000,
        async (trx) => (await sql`select id from t`.execute(trx)).rows,
      )
      assert.deepEqual(rows, [{ id: 1 }])
    } finally {
      await connection.close()
    }
  })
})
