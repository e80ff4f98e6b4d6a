import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Can } from '../../src/auth/permissions.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table customers (id integer primary key, email text not null, name text not null);
  insert into customers values (1, 'ann@example.com', 'Ann'), (2, 'bob@shop.test', 'Bob'), (3, 'cy@example.com', 'Cy');
  create table orders (id integer primary key, customer_id integer references customers(id), note text,
    referrer_id integer references customers(id));
  insert into orders values (10, 1, 'first', null), (11, 2, 'second', 1), (12, 3, 'third', null), (13, 2, 'fourth', 3),
    (14, null, 'no customer', null);
  create table warehouses (region text not null, code integer not null, city text not null, primary key (region, code));
  insert into warehouses values ('eu', 1, 'Lyon'), ('eu', 2, 'Porto'), ('us', 1, 'Austin');
  create table shipments (id integer primary key, region text, code integer,
    foreign key (region, code) references warehouses(region, code));
  insert into shipments values (1, 'eu', 1), (2, 'eu', 2), (3, 'us', 1), (4, 'us', null);
`

/** The ids of the listed rows, from their own links, in key order (which rows match is the point, not their order). */
function idsOf(html: string, table: string): string[] {
  const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'))
  return [
    ...new Set([...body.matchAll(new RegExp(`href="[^"]*/${table}/row/(\\d+)[?"]`, 'g'))].map((m) => m[1]!)),
  ].sort((a, b) => Number(a) - Number(b))
}

for (const dialect of dialects) {
  describe(`search through foreign keys on ${dialect.name}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect.name, setup))
    const search = async (table: string, searchFields: string[], q: string) => {
      const admin = fx.admin({ config: { tables: { [table]: { searchFields } } } })
      const res = await admin.request(`/${fx.s}/${table}/?q=${encodeURIComponent(q)}`)
      assert.equal(res.status, 200)
      return idsOf(await res.text(), table)
    }

    for (const [path, q, expected] of [
      ['customer_id.email', 'SHOP.test', ['11', '13']],
      ['customers.email', 'example', null],
      ['referrer_id.email', 'example', ['11', '13']],
      ['customer_id.name', 'nobody', []],
      ['customer_id.email', '100%', []],
    ] as const) {
      it(`finds orders by ${path} matching "${q}"`, async () => {
        if (expected === null) {
          // Two foreign keys reference customers: the table name does not say which.
          assert.throws(() => fx.admin({ config: { tables: { orders: { searchFields: [path] } } } }), {
            name: 'ConfigError',
            message: /tables\.orders\.searchFields: unknown path "customers\.email" \(2 foreign keys reference/,
          })
          return
        }
        assert.deepEqual(await search('orders', [path], q), expected)
      })
    }

    it('searches local columns and paths together, each row once', async () => {
      assert.deepEqual(await search('orders', ['note', 'customer_id.email', 'referrer_id.email'], 'example'), [
        '10',
        '11',
        '12',
        '13',
      ])
      assert.deepEqual(await search('orders', ['note', 'customer_id.email'], 'fourth'), ['13'])
    })

    it('follows a composite foreign key on all its columns, named by the referenced table', async () => {
      assert.deepEqual(await search('shipments', ['warehouses.city'], 'porto'), ['2'])
      assert.deepEqual(await search('shipments', ['warehouses.city'], 'austin'), ['3'])
    })

    it("searches only the referenced rows the user may see: the target's scope, and no table they may not view", async () => {
      const searchAs = async (options: Parameters<typeof fx.admin>[0]) => {
        const res = await fx.admin(options).request(`/${fx.s}/orders/?q=shop.test`)
        assert.equal(res.status, 200)
        return idsOf(await res.text(), 'orders')
      }
      const orders = { searchFields: ['customer_id.email'] }
      assert.deepEqual(await searchAs({ config: { tables: { orders } } }), ['11', '13'])
      const outOfScope = { scope: (qb: any) => qb.where('email', 'not like', '%shop.test') }
      assert.deepEqual(await searchAs({ config: { tables: { orders, customers: outOfScope } } }), [])
      const can: Can = (_user, action, table) => action === 'view' && table.name !== 'customers'
      assert.deepEqual(await searchAs({ config: { tables: { orders } }, can }), [])
    })

    it('names the path in the search hint', async () => {
      const admin = fx.admin({ config: { tables: { orders: { searchFields: ['note', 'customer_id.email'] } } } })
      const html = await (await admin.request(`/${fx.s}/orders/`)).text()
      assert.match(html, /Finds text in Note, Customer email/)
    })

    for (const [path, why] of [
      ['customer_id.phone', /unknown path "customer_id\.phone" \(customers has no column "phone"\)/],
      ['note.text', /unknown path "note\.text" \(no foreign key of orders/],
      ['nothing', /tables\.orders\.searchFields: unknown column "nothing"/],
      ['customer_id.', /unknown path "customer_id\." \(neither a column/],
    ] as const) {
      it(`refuses "${path}" at start-up, naming option, table and path`, () => {
        assert.throws(() => fx.admin({ config: { tables: { orders: { searchFields: [path] } } } }), {
          name: 'ConfigError',
          message: why,
        })
      })
    }
  })
}
