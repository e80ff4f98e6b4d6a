import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import pg from 'pg'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects, type TestDb } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

interface Lock {
  release(): Promise<void>
}

/** Another connection holding the write lock on row 1 of `item` (SQLite: the whole database). */
const holdWriteLock: Record<TestDb['dialect'], (test: TestDb) => Promise<Lock>> = {
  async sqlite(test) {
    const other = new Database(test.url.replace(/^sqlite:/, ''))
    other.exec('begin immediate')
    return {
      release: async () => {
        other.exec('commit')
        other.close()
      },
    }
  },
  async postgres(test) {
    const other = new pg.Client({ connectionString: test.url })
    await other.connect()
    await other.query('begin')
    await other.query('select * from item where id = 1 for update')
    return {
      release: async () => {
        await other.query('commit')
        await other.end()
      },
    }
  },
}

for (const { name, create } of dialects) {
  describe(`a write lock held by another connection on ${name}`, () => {
    let test: TestDb
    let connection: Connection
    let client: EditClient
    let s: string
    before(async () => {
      test = await create(`create table item (id integer primary key, name text not null);
        insert into item values (1, 'before'), (2, 'other');`)
      connection = await connect(test.url)
      const schema = await connection.dialect.introspect(connection.db)
      client = new EditClient(createAdmin({ db: connection.db, schema, checkDrift: false }))
      s = connection.dialect.defaultSchema
    })
    after(async () => {
      await connection.close()
      await test.drop()
    })

    it('a save answers 503 "busy" with the form kept, while read pages keep answering; it saves once the lock is gone', async () => {
      const form = readForm((await client.get(`/${s}/item/row/1/edit`)).html, '/edit')
      const pairs = withValue(form.pairs, 'v:name', 'after')
      const lock = await holdWriteLock[name](test)
      try {
        let saved = false
        const save = client.post(form.action, pairs).finally(() => (saved = true))
        const list = await client.get(`/${s}/item/`)
        assert.equal(list.status, 200)
        assert.equal((await client.get(`/${s}/item/row/2`)).status, 200)
        assert.equal(saved, false, 'the pages answered while the save waited for the lock')
        const response = await save
        const html = await response.text()
        assert.equal(response.status, 503)
        assert.ok(response.headers.get('retry-after'))
        assert.match(html, /The database is busy at the moment\. Nothing was saved/)
        assert.match(html, /value="after"/, 'what the user typed is still on the form')
        assert.doesNotMatch(html, /SQLITE_|lock timeout|canceling statement/)
      } finally {
        await lock.release()
      }
      const row = await connection.db.selectFrom('item').select('name').where('id', '=', 1).executeTakeFirstOrThrow()
      assert.equal(row.name, 'before', 'nothing was written while the lock was held')
      const again = await client.follow(await client.post(form.action, pairs))
      assert.equal(again.status, 200)
      const saved = await connection.db.selectFrom('item').select('name').where('id', '=', 1).executeTakeFirstOrThrow()
      assert.equal(saved.name, 'after')
    })
  })
}

describe('an exclusive SQLite lock held by another process', () => {
  it('read pages answer 503 "busy" after the short busy timeout, and work again once it is gone', async () => {
    const test = await dialects[0]!.create(
      'create table item (id integer primary key, name text); insert into item values (1, null);',
    )
    const connection = await connect(test.url)
    const schema = await connection.dialect.introspect(connection.db)
    const admin = createAdmin({ db: connection.db, schema, checkDrift: false })
    const other = new Database(test.url.replace(/^sqlite:/, ''))
    try {
      other.exec('begin exclusive')
      const response = await admin.request('/main/item/')
      assert.equal(response.status, 503)
      assert.ok(response.headers.get('retry-after'))
      assert.match(await response.text(), /Database busy/)
      other.exec('commit')
      assert.equal((await admin.request('/main/item/')).status, 200)
    } finally {
      other.close()
      await connection.close()
      await test.drop()
    }
  })
})
