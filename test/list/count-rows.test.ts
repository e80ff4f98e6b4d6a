import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connect } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects } from '../helpers/test-db.js'

// 12,000 rows: past the 10,000 cap, so no page may count them all.
const fill = {
  sqlite: `with recursive s(n) as (select 1 union all select n + 1 from s where n < 12000) insert into big select n, n % 7 from s;`,
  postgres: `insert into big select n, n % 7 from generate_series(1, 12000) as n; analyze big;`,
}

// What each engine can say about an unfiltered big table: Postgres keeps an estimate; SQLite, before any ANALYZE, only a capped count.
const expected = {
  sqlite: { index: '10,000+', list: 'of 10,000+ rows' },
  postgres: { index: '~12k', list: 'of ~12k rows (estimated)' },
}

describe('row counts on a big table', () => {
  for (const dialect of dialects) {
    it(`${dialect.name}: estimate or cap unfiltered, capped count filtered, exact when small`, async () => {
      const testDb = await dialect.create(`create table big (id integer primary key, grp integer not null);`)
      await testDb.exec(fill[dialect.name])
      const connection = await connect(testDb.url)
      try {
        const schema = await connection.dialect.introspect(connection.db)
        const admin = createAdmin({ db: connection.db, schema, checkDrift: false })
        const s = connection.dialect.defaultSchema
        const index = await (await admin.request('/')).text()
        assert.ok(index.includes(`>${expected[dialect.name].index}<`), 'index count')
        const list = await (await admin.request(`/${s}/big/`)).text()
        assert.ok(list.includes(expected[dialect.name].list), 'unfiltered list count')
        const filtered = await (await admin.request(`/${s}/big/?f.grp.gte=1`)).text()
        assert.ok(filtered.includes('of 10,000+ rows'), 'filtered: capped')
        const small = await (await admin.request(`/${s}/big/?f.grp.gte=6`)).text()
        assert.ok(small.includes('of 1,714 rows'), 'filtered to a few: exact')
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })
  }
})

describe('SQLite row estimates after ANALYZE', () => {
  it('shows sqlite_stat1 estimates as ~N, and still counts a table ANALYZE has not seen', async () => {
    const sqlite = dialects.find((d) => d.name === 'sqlite')!
    const testDb = await sqlite.create(`create table big (id integer primary key, grp integer not null);
      create index big_grp on big (grp);`)
    await testDb.exec(`${fill.sqlite} analyze; create table later (id integer primary key);`)
    const connection = await connect(testDb.url)
    try {
      const schema = await connection.dialect.introspect(connection.db)
      const admin = createAdmin({ db: connection.db, schema, checkDrift: false })
      const index = await (await admin.request('/')).text()
      assert.ok(index.includes('>~12k<'), 'estimate from sqlite_stat1')
      const list = await (await admin.request('/main/big/')).text()
      assert.ok(list.includes('of ~12k rows (estimated)'), 'unfiltered list uses the estimate')
      const later = await (await admin.request('/main/later/')).text()
      assert.ok(later.includes('0 rows'), 'a table ANALYZE never saw is counted')
    } finally {
      await connection.close()
      await testDb.drop()
    }
  })
})
