import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { connect, type Connection } from '../../src/db/connect.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { parseListParams } from '../../src/list/list-params.js'
import { typedKeyValues } from '../../src/records/typed-key-values.js'
import { buildResources } from '../../src/resources/build-resources.js'
import type { Resource } from '../../src/resources/resource.js'
import { dialects, type TestDb } from '../helpers/test-db.js'

const setup = {
  postgres: `create table t (id integer primary key, code text not null unique, amount money, span interval,
    at timestamp, note text, doc json)`,
  sqlite: `create table t (id integer primary key, code text not null unique, amount MONEY, span INTERVAL,
    at DATETIME, note TEXT, doc JSON)`,
}

type Expected = 'ok' | RegExp
/** [query, on SQLite, on Postgres]: every cursor and filter value is read by its column's kind before a query. */
const expectations: ReadonlyArray<readonly [string, Expected, Expected]> = [
  ['after=5', 'ok', 'ok'],
  ['after=abc', /"after": not a valid position/, /"after": not a valid position/],
  // Bytes can sit in any SQLite column, so such a position can name a row there; never in a Postgres integer.
  ['after=~x', 'ok', /"after": not a valid position/],
  ['after=~x00', 'ok', /"after": not a valid position/],
  ['after=~0', 'ok', 'ok'],
  ['sort=code&after=a%00b', 'ok', /"after": not a valid position/],
  ['f.span=1+day+02:00:00', 'ok', 'ok'],
  ['f.span=P1DT2H', 'ok', 'ok'],
  ['f.span=P1X', /"f\.span": Enter an interval/, /"f\.span": Enter an interval/],
  ['f.span=1+fortnight', /"f\.span"/, /"f\.span"/],
  ['f.amount=12.50', 'ok', 'ok'],
  ['f.amount=%24abc', /"f\.amount"/, /"f\.amount": Enter an amount of money/],
  ['f.amount=-%241%2C234.50', /"f\.amount"/, 'ok'],
  ['f.at.gte=2024-01-31', 'ok', 'ok'],
  ['f.at.lte=2024-13-45', /"f\.at\.lte": 2024-13-45 is not a day/, /"f\.at\.lte": 2024-13-45 is not a day/],
  ['f.at.gte=0000-01-01', 'ok', /"f\.at\.gte"/],
  ['f.at.gte=2024-01-01+10:00:00%2B99', 'ok', /"f\.at\.gte"/],
  ['f.code=a%00b', 'ok', /"f\.code": Postgres cannot store the NUL character/],
  ['f.note=plain', 'ok', 'ok'],
  ['sort=doc', 'ok', /"sort": doc holds values that cannot be put in order/],
]

/** Whether an integer key column can hold bytes: any SQLite column can, a Postgres integer cannot. */
const bytesInIntegerKey: Record<DialectName, boolean> = { sqlite: true, postgres: false }

for (const { name: dialect, create } of dialects) {
  describe(`values from the list address on ${dialect}`, () => {
    let testDb: TestDb
    let connection: Connection
    let resource: Resource
    before(async () => {
      testDb = await create(setup[dialect])
      connection = await connect(testDb.url)
      const schema = await connection.dialect.introspect(connection.db)
      const defaultSchema = connection.dialect.defaultSchema
      resource = buildResources(schema, {}, { defaultSchema }).find((r) => r.table.name === 't')!
    })
    after(async () => {
      await connection?.close()
      await testDb?.drop()
    })

    it('parses cursors and filters by their column, or names the parameter', () => {
      const wrong: string[] = []
      for (const [query, onSqlite, onPostgres] of expectations) {
        const expected = dialect === 'sqlite' ? onSqlite : onPostgres
        const result = parseListParams(new URLSearchParams(query), resource, dialect)
        const problems = result.ok ? [] : result.problems
        const right = expected === 'ok' ? result.ok : problems.some((problem) => expected.test(problem))
        if (!right) wrong.push(`${query}: ${result.ok ? 'accepted' : problems.join('; ')}`)
      }
      assert.deepEqual(wrong, [])
    })

    it('types a record key, refusing bytes where the column cannot hold them', () => {
      const bytes = Buffer.from([1, 2])
      assert.deepEqual(typedKeyValues(resource, ['id'], ['42'], dialect), [42])
      assert.deepEqual(typedKeyValues(resource, ['id'], [null], dialect), [null])
      assert.equal(typedKeyValues(resource, ['id'], ['4x'], dialect), undefined)
      assert.deepEqual(
        typedKeyValues(resource, ['id'], [bytes], dialect),
        bytesInIntegerKey[dialect] ? [bytes] : undefined,
      )
    })
  })
}
