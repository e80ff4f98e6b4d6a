import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { costlyList } from '../../src/list/list-cost.js'
import { parseListParams } from '../../src/list/list-params.js'
import { buildResources } from '../../src/resources/build-resources.js'
import { StewardConfig } from '../../src/resources/define-config.js'
import { dialects, withAdmin } from '../helpers/test-db.js'

const setup = `
  create table orders (
    id integer primary key, code text not null unique, status text, note text, placed_at text not null, staff integer
  );
  create index orders_staff on orders (staff, status);
  create index orders_placed on orders (placed_at);
  insert into orders values (1, 'A1', 'new', 'x', '2026-01-01', 1);`

const config = StewardConfig.parse({
  tables: { orders: { filters: ['status', 'staff', 'note'], computed: {} } },
})

for (const { name: dialect } of dialects) {
  describe(`which list pages read like a search, on ${dialect}`, () => {
    it('a search always; on a big table a sort or filter no index starts with; never on a small table', async () => {
      await withAdmin(dialect, setup, async ({ connection }) => {
        const schema = await connection.dialect.introspect(connection.db)
        const orders = buildResources(schema, config, { defaultSchema: connection.dialect.defaultSchema }).find(
          (resource) => resource.table.name === 'orders',
        )!
        const cost = (query: string, big: boolean) => {
          const parsed = parseListParams(new URLSearchParams(query), orders, dialect)
          assert.ok(parsed.ok, query)
          return costlyList(orders, parsed.params, { big })
        }
        // Whether the table is big (by its estimate, or counted when never analysed) is `isBigTable`'s to say.
        const big = true
        const small = false
        const cases: readonly [string, boolean, ReturnType<typeof costlyList>][] = [
          ['q=a', small, 'search'],
          ['q=a', big, 'search'],
          ['', big, null], // the default ordering, newest first by the indexed placed_at
          ['sort=id', big, null],
          ['sort=-code', big, null], // a unique column
          ['sort=placed_at', big, null],
          ['sort=staff', big, null], // the first column of an index on two
          ['sort=status', big, 'sort'], // the second column of that index
          ['sort=note', big, 'sort'],
          ['sort=note', small, null],
          ['f.staff=1', big, null],
          ['f.status=new', big, 'filter'],
          ['f.staff=1&f.note=x', big, 'filter'],
          ['f.status=new', small, null],
        ]
        for (const [query, isBig, expected] of cases)
          assert.equal(cost(query, isBig), expected, `${query} on a ${isBig ? 'big' : 'small'} table`)
      })
    })
  })
}
