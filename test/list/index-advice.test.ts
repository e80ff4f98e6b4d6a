import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { fileURLToPath } from 'node:url'
import type { Connection } from '../../src/db/connect.js'
import { adviseIndexes, type IndexAdvice } from '../../src/list/index-advice.js'
import { buildResources } from '../../src/resources/build-resources.js'
import { StewardConfig } from '../../src/resources/define-config.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { dialects, withAdmin } from '../helpers/test-db.js'

const bin = fileURLToPath(new URL('../../bin/steward.js', import.meta.url))

const setup = `
  create table customers (id integer primary key, email text not null unique, tier text);
  create table orders (
    id integer primary key, customer_id integer references customers (id), status text, note text, created_at text,
    placed_by integer
  );
  create index orders_placed_by on orders (placed_by);
  insert into customers values (1, 'a@example.com', 'gold'), (2, 'b@example.com', null);
  insert into orders values (1, 1, 'new', 'fragile', '2026-01-01', 1), (2, 2, 'paid', null, '2026-01-02', 2);
  analyze;`

const config = StewardConfig.parse({
  tables: {
    orders: { searchFields: ['note'], filters: ['status', 'placed_by'], ordering: ['-created_at'] },
    customers: { searchFields: ['email'], filters: [] },
  },
})

/** What each engine can index for a substring search: Postgres a trigram index, SQLite nothing. */
const substringIndexable: Record<DialectName, boolean> = { postgres: true, sqlite: false }

async function advise(connection: Connection) {
  const { db, dialect } = connection
  const schema = await dialect.introspect(db)
  const resources = buildResources(schema, config, { defaultSchema: dialect.defaultSchema })
  const [estimates, kinds] = await Promise.all([dialect.readRowEstimates(db), dialect.indexAdvisor.readIndexKinds(db)])
  const rows = new Map(estimates.map((e) => [`${e.schema}.${e.name}`, e.estimate]))
  const tables = adviseIndexes(resources, { advisor: dialect.indexAdvisor, kinds, rows, minRows: 2 })
  return new Map(tables.map((table) => [table.resource.table.name, table.advice]))
}

const summary = (advice: readonly IndexAdvice[] | undefined) =>
  (advice ?? []).map(
    (item) => `${item.purpose} ${item.columns.join(',')}${item.statements.length ? '' : ' (no index)'}`,
  )

for (const { name: dialect } of dialects) {
  describe(`index advice on ${dialect}`, () => {
    it('names each search, filter, default ordering and foreign key no index serves, and its statements serve it', async () => {
      await withAdmin(dialect, setup, async ({ connection }) => {
        const before = await advise(connection)
        const search = substringIndexable[dialect] ? ['search note'] : ['search note (no index)']
        assert.deepEqual(summary(before.get('orders')), [
          ...search,
          'filter status',
          'sort created_at',
          'related customer_id',
        ])
        // The email is unique (an index) but that does not serve a substring search.
        assert.deepEqual(
          summary(before.get('customers')),
          substringIndexable[dialect] ? ['search email'] : ['search email (no index)'],
        )

        for (const advice of before.values())
          for (const item of advice)
            for (const statement of item.statements) await sql.raw(statement).execute(connection.db)

        const after = await advise(connection)
        const left = substringIndexable[dialect] ? [] : ['search note (no index)']
        assert.deepEqual(summary(after.get('orders')), left)
      })
    })

    it('leaves out tables under --min-rows and views', async () => {
      await withAdmin(
        dialect,
        `${setup}; create view order_notes as select id, note from orders;`,
        async ({ connection }) => {
          const { db, dialect: d } = connection
          const schema = await d.introspect(db)
          const resources = buildResources(schema, config, { defaultSchema: d.defaultSchema })
          const kinds = await d.indexAdvisor.readIndexKinds(db)
          const many = new Map([[`${d.defaultSchema}.order_notes`, 1e6]])
          assert.deepEqual(adviseIndexes(resources, { advisor: d.indexAdvisor, kinds, rows: many, minRows: 10 }), [])
        },
      )
    })
  })
}

describe('steward doctor', () => {
  it('prints the advice with its CREATE INDEX statements and creates nothing', async () => {
    await withAdmin('sqlite', setup, async ({ test, connection }) => {
      const run = spawnSync(process.execPath, [bin, 'doctor', '--db', test.url, '--min-rows', '2'], {
        encoding: 'utf8',
      })
      assert.equal(run.status, 0, run.stderr)
      assert.match(run.stdout, /^orders \(about 2 rows\)$/m)
      assert.match(run.stdout, /CREATE INDEX "main"\."orders_customer_id_idx" ON "orders" \("customer_id"\);/)
      assert.match(run.stdout, /never creates an index/)
      const indexes = await connection.db
        .selectFrom('sqlite_master' as never)
        .select('name' as never)
        .where('type' as never, '=', 'index' as never)
        .execute()
      assert.ok(!indexes.some((row) => String((row as { name: string }).name).endsWith('_idx')))
    })
  })

  it('refuses a --min-rows that is not a whole number', () => {
    const run = spawnSync(process.execPath, [bin, 'doctor', '--db', 'sqlite::memory:', '--min-rows', 'many'], {
      encoding: 'utf8',
    })
    assert.equal(run.status, 2)
    assert.match(run.stderr, /--min-rows takes a whole number/)
  })
})
