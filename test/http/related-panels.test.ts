import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogEvent } from 'kysely'
import type { Can } from '../../src/auth/permissions.js'
import { dialects, withAdmin } from '../helpers/test-db.js'

const setup = `
  create table author (id integer primary key, name text);
  insert into author values (1, 'few'), (2, 'many');
  create table book (id integer primary key, author_id integer references author(id));
  insert into book values (1, 1), (2, 1);
  insert into book select 100 + n, 2 from (select 1 as n union all select 2 union all select 3 union all select 4
    union all select 5 union all select 6 union all select 7 union all select 8 union all select 9 union all select 10
    union all select 11 union all select 12) as numbers;
`

describe('related-rows panels', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: count what the panel cannot show, and only then`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql)
      await withAdmin(dialect.name, { sql: setup, connect: { log } }, async (fx) => {
        const admin = fx.admin({ secret: 'test' })
        const s = fx.s
        const counts = () => queries.filter((q) => /count\(\*\)/.test(q)).length

        queries.length = 0
        const few = await (await admin.request(`/${s}/author/row/1`)).text()
        assert.match(few, />Books <span[^>]*>\(2\)</)
        assert.equal(counts(), 0, 'two rows need no count')

        queries.length = 0
        const many = await (await admin.request(`/${s}/author/row/2`)).text()
        assert.match(many, />Books <span[^>]*>\(12\)</)
        assert.equal(counts(), 1, 'more rows than shown are counted')
      })
    })
  }
})

const shop = `
  create table products (id integer primary key, name text not null);
  insert into products values (350, 'Teapot'), (351, 'Kettle');
  create table orders (id integer primary key, placed text);
  insert into orders values (1, '2024-01-01');
  create table order_items (id integer primary key, order_id integer not null references orders(id),
    product_id integer references products(id), qty integer not null);
  insert into order_items values (1, 1, 350, 2), (2, 1, 351, 1), (3, 1, null, 4);
`

describe('related-rows panels show foreign keys by label', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: an order's items name their product, linked to it, in one query per foreign key`, async () => {
      const queries: string[] = []
      const log = (event: LogEvent) => void queries.push(event.query.sql)
      await withAdmin(dialect.name, { sql: shop, connect: { log } }, async (fx) => {
        const s = fx.s
        queries.length = 0
        const html = await (await fx.admin({ secret: 'test' }).request(`/${s}/orders/row/1`)).text()
        const panel = html.slice(html.indexOf('>Order items'))
        assert.match(panel, new RegExp(`<a [^>]*href="/${s}/products/row/350"[^>]*>Teapot</a>`))
        assert.match(panel, new RegExp(`<a [^>]*href="/${s}/products/row/351"[^>]*>Kettle</a>`))
        assert.doesNotMatch(panel, />350</, 'the key is not shown as the label')
        assert.match(panel, />NULL</, 'a NULL foreign key stays NULL')
        const productReads = queries.filter((q) => /from "[^"]+"\."products"/.test(q))
        assert.equal(productReads.length, 1, 'the panel reads the products of all its rows at once')

        // A user who may not view products is not told their names either (the table is not there for them).
        const can: Can = (_user, action, table) => action === 'view' && table.name !== 'products'
        const limited = await (await fx.admin({ secret: 'test', can }).request(`/${s}/orders/row/1`)).text()
        const limitedPanel = limited.slice(limited.indexOf('>Order items'))
        assert.doesNotMatch(limitedPanel, /products\/row\/350|Teapot/)
        assert.match(limitedPanel, />350</)
      })
    })
  }
})
