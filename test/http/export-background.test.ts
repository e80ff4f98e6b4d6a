import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connect } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { createSqliteDb } from '../helpers/test-db.js'

const rowCount = 20_000

describe('a SQLite export sorted on an unindexed column', () => {
  it('sorts in a worker thread: other pages answer first, and the file holds every row in order', async () => {
    const test = await createSqliteDb(`
      create table big (id integer primary key, note text, b blob);
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rowCount})
      insert into big select i, printf('%06d', (i * 7919) % ${rowCount}), x'00ff' from n;`)
    const connection = await connect(test.url)
    try {
      const schema = await connection.dialect.introspect(connection.db)
      const admin = createAdmin({ db: connection.db, schema, checkDrift: false })
      const answered: string[] = []
      const exporting = Promise.resolve(admin.request('/main/big/export.csv?sort=note')).then((response) => {
        answered.push('export')
        return response.text()
      })
      const detail = await admin.request('/main/big/row/1')
      answered.push('detail')
      assert.equal(detail.status, 200)
      const lines = (await exporting).trimEnd().split('\r\n').slice(1)
      assert.deepEqual(answered, ['detail', 'export'], 'the detail page did not wait for the sort')
      assert.equal(lines.length, rowCount)
      const notes = lines.map((line) => line.split(',')[1])
      assert.deepEqual(notes, [...notes].sort())
      assert.equal(lines[0], `${rowCount},000000,\\x00ff`)
    } finally {
      await connection.close()
      await test.drop()
    }
  })

  it('is stopped when the sort takes longer than the statement timeout: a 503 page, and other pages still answer', async () => {
    const test = await createSqliteDb(`
      create table fast (id integer primary key);
      create view slow as with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000000)
        select i % 1000 as k, i as id from n;`)
    const connection = await connect(test.url)
    try {
      const schema = await connection.dialect.introspect(connection.db)
      const admin = createAdmin({ db: connection.db, schema, checkDrift: false, config: { statementTimeoutMs: 100 } })
      const response = await admin.request('/main/slow/export.csv?sort=-id')
      assert.equal(response.status, 503)
      assert.match(await response.text(), /took longer than 0\.1 s and was stopped/)
      assert.equal((await admin.request('/main/fast/')).status, 200)
    } finally {
      await connection.close()
      await test.drop()
    }
  })
})
