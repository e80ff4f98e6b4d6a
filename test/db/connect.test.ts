import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { connect } from '../../src/db/connect.js'
import { ConnectError, parseDatabaseUrl } from '../../src/db/database-url.js'
import { dialects } from '../helpers/test-db.js'

describe('parseDatabaseUrl', () => {
  it('picks the dialect from the scheme', () => {
    assert.equal(parseDatabaseUrl('postgres://u:p@h:5432/db').dialect, 'postgres')
    assert.equal(parseDatabaseUrl('postgresql://h/db').dialect, 'postgres')
    assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), {
      dialect: 'sqlite',
      path: ':memory:',
      display: 'sqlite::memory:',
    })
    const file = parseDatabaseUrl('file:some%20dir/x.db')
    assert.equal(file.dialect, 'sqlite')
    assert.match(file.dialect === 'sqlite' ? file.path : '', /some dir\/x\.db$/)
  })
  it('rejects unknown schemes with one line', () => {
    assert.throws(() => parseDatabaseUrl('mysql://h/db'), {
      name: 'ConnectError',
      message: /unsupported database URL scheme "mysql:"/,
    })
    assert.throws(() => parseDatabaseUrl('demo.db'), { name: 'ConnectError', message: /not a database URL/ })
  })
  it('never shows a password', () => {
    const parsed = parseDatabaseUrl('postgres://user:secret@host/db')
    assert.doesNotMatch(parsed.display, /secret/)
  })
})

describe('connect', () => {
  it('refuses a missing SQLite file instead of creating it', async () => {
    await assert.rejects(connect('sqlite:/nonexistent/dir/nothing.db'), (error: unknown) => {
      assert.ok(error instanceof ConnectError)
      assert.match(error.message, /no such file/)
      assert.doesNotMatch(error.message, /\n/)
      return true
    })
  })
  it('says when a Postgres server refuses the connection', async () => {
    await assert.rejects(connect('postgres://nobody@127.0.0.1:1/none'), {
      name: 'ConnectError',
      message: /connection refused/,
    })
  })
  it('says when the password is wrong', async () => {
    const db = dialects[1]
    assert.ok(db)
    const test = await db.create()
    try {
      const url = new URL(test.url)
      url.password = 'wrong-password'
      await assert.rejects(connect(url.toString()), { name: 'ConnectError', message: /authentication failed|password/ })
    } finally {
      await test.drop()
    }
  })
  for (const { name, create } of dialects) {
    it(`keeps integers above 2^53 exact on ${name}`, async () => {
      const test = await create('create table n (v bigint); insert into n values (9007199254740993), (42);')
      const conn = await connect(test.url)
      try {
        const rows = (await sql<{ v: unknown }>`select v from n order by v`.execute(conn.db)).rows
        assert.deepEqual(
          rows.map((r) => String(r.v)),
          ['42', '9007199254740993'],
        )
      } finally {
        await conn.close()
        await test.drop()
      }
    })
  }
})

describe('values keep their exact text', () => {
  it('Postgres numeric[] elements are not rounded through floats', async () => {
    const test = await dialects[1]!.create()
    const conn = await connect(test.url)
    try {
      const { rows } = await sql<{ a: unknown }>`select array[1.12345678901234567890123, 2]::numeric[] as a`.execute(
        conn.db,
      )
      assert.deepEqual(rows[0]?.a, ['1.12345678901234567890123', '2'])
    } finally {
      await conn.close()
      await test.drop()
    }
  })
})

describe('SQLite error mapping', () => {
  it('a RESTRICT reached through a cascade is a foreign-key error', async () => {
    const test = await dialects[0]!.create(`
      create table a (id integer primary key);
      create table b (id integer primary key, a_id integer references a on delete cascade);
      create table c (id integer primary key, b_id integer references b on delete restrict);
      insert into a values (1); insert into b values (10, 1); insert into c values (100, 10);`)
    const conn = await connect(test.url)
    try {
      const error = await sql`delete from a where id = 1`.execute(conn.db).then(
        () => undefined,
        (e: unknown) => e,
      )
      assert.equal(conn.dialect.mapError(error)?.code, 'foreign_key')
    } finally {
      await conn.close()
      await test.drop()
    }
  })
})
