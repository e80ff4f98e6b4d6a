import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { cachingDatabase } from '../../src/db/sqlite-statement-cache.js'
import { toSafe } from '../../src/db/safe-integer-plugin.js'

/** What Kysely got before rows were made from arrays: better-sqlite3's objects, integers made safe. */
function nativeRows(database: Database.Database, sqlText: string, parameters: unknown[] = []): unknown[] {
  const rows = database.prepare(sqlText).all(...parameters) as Record<string, unknown>[]
  for (const row of rows) for (const key in row) if (typeof row[key] === 'bigint') row[key] = toSafe(row[key])
  return rows
}

function withDatabase(fn: (database: Database.Database) => void): void {
  const database = new Database(':memory:')
  database.defaultSafeIntegers(true)
  try {
    fn(database)
  } finally {
    database.close()
  }
}

describe('cached SQLite statements', () => {
  it('make the same rows as better-sqlite3, keys in the same order, for any column names', () => {
    withDatabase((database) => {
      const cached = cachingDatabase(database)
      const queries = [
        `select 1 as "id", 'x' as "name", null as "none", 2.5 as "real", x'00ff' as "bytes"`,
        // A name given twice keeps its last value in its first place; integer-like names come first.
        `select 1 as "a", 2 as "b", 3 as "a", 4 as "10", 5 as "constructor", 6 as "toString"`,
        `select 'q' as "it's ""quoted""", 'n' as "line
break", 's' as "\u2028", 'e' as ""`,
        `select 9007199254740993 as "big", -9007199254740993 as "small", 9007199254740991 as "edge"`,
      ]
      for (const query of queries) {
        const statement = cached.prepare(query)
        assert.equal(statement.reader, true)
        const rows = statement.all([])
        assert.deepStrictEqual(rows, nativeRows(database, query), query)
        for (const [i, row] of rows.entries()) {
          assert.deepStrictEqual(Object.keys(row as object), Object.keys(nativeRows(database, query)[i] as object))
          assert.equal(Object.getPrototypeOf(row), Object.prototype)
        }
        assert.deepStrictEqual([...statement.iterate([])], rows, `${query}, iterated`)
      }
      assert.deepStrictEqual(cached.prepare(queries[3]!).all([]), [
        { big: '9007199254740993', small: '-9007199254740993', edge: 9007199254740991 },
      ])
    })
  })

  it('keep a column named __proto__ as a property, where better-sqlite3 loses it', () => {
    withDatabase((database) => {
      const query = `select x'00ff' as "__proto__", 2 as "b"`
      const rows = cachingDatabase(database).prepare(query).all([])
      const row = rows[0] as Record<string, unknown>
      assert.deepStrictEqual(Object.keys(row), ['__proto__', 'b'])
      assert.deepStrictEqual(row['__proto__'], Buffer.from([0, 255]))
      assert.equal(Object.getPrototypeOf(row), Object.prototype)
      // better-sqlite3's own object took the blob as its prototype.
      assert.deepStrictEqual(Object.keys(database.prepare(query).get() as object), ['b'])
    })
  })

  it('run statements with parameters, and writes, as before', () => {
    withDatabase((database) => {
      const cached = cachingDatabase(database)
      cached.prepare('create table t (id integer primary key, v text)').run([])
      const inserted = cached.prepare('insert into t (v) values (?), (?) returning id, v').all(['a', 'b'])
      assert.deepStrictEqual(inserted, [
        { id: 1, v: 'a' },
        { id: 2, v: 'b' },
      ])
      const update = cached.prepare('update t set v = ? where id = ?').run(['c', 2])
      assert.equal(Number(update.changes), 1)
      const select = 'select id, v from t where id >= ? order by id'
      assert.deepStrictEqual(cached.prepare(select).all([1]), nativeRows(database, select, [1]))
      assert.deepStrictEqual(cached.prepare(select).all([2]), [{ id: 2, v: 'c' }])
      // The same text is the same statement: prepared once.
      assert.equal(cached.prepare(select), cached.prepare(select))
    })
  })
})
