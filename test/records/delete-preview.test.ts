import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { deleteRecords } from '../../src/records/delete-records.js'
import { previewDelete, type DeleteEffect } from '../../src/records/delete-preview.js'
import { dialects } from '../helpers/test-db.js'
import { openFixture, type WriteFixture } from './write-fixture.js'

// customer ─cascade→ orders ─cascade→ line ; orders ←set null─ note ; line ←restrict─ shipment ; customer ←no action─ referral
// plus a self-referencing customer.parent_id (cascade) and 5 lines per order to test the cap.
const schema = `
  create table customer (id integer primary key, parent_id integer references customer(id) on delete cascade);
  create table orders (id integer primary key, customer_id integer not null references customer(id) on delete cascade);
  create table line (id integer primary key, order_id integer not null references orders(id) on delete cascade);
  create table note (id integer primary key, order_id integer references orders(id) on delete set null);
  create table shipment (id integer primary key, line_id integer references line(id) on delete restrict);
  create table referral (id integer primary key, customer_id integer references customer(id));
  insert into customer values (1, null), (2, null), (3, 1);
  insert into orders values (10, 1), (11, 1), (12, 2), (13, 3);
  insert into line select 100 + o.id * 10 + n.n, o.id from orders o, (select 1 as n union all select 2 union all select 3 union all select 4 union all select 5) n;
  insert into note values (1, 10), (2, 12);
  insert into shipment values (1, ${100 + 12 * 10 + 1});
  insert into referral values (1, 2);
`

const summary = (effects: readonly DeleteEffect[]) =>
  effects
    .map((e) => `${e.depth}:${e.table.name}.${e.foreignKey.columns.join(',')}=${e.count}${e.capped ? '+' : ''}`)
    .sort()

for (const { name: dialect, create } of dialects) {
  describe(`delete preview on ${dialect}`, () => {
    let fx: WriteFixture
    before(async () => {
      fx = await openFixture(create, schema)
    })
    after(async () => fx.close())
    const preview = (id: number, cap?: number) =>
      previewDelete(fx.conn.db, fx.schema.tables, fx.resource('customer').table, ['id'], [[id]], cap ? { cap } : {})

    it('counts cascades over three levels, SET NULL effects, and no blockers for customer 1', async () => {
      const result = await preview(1)
      assert.equal(result.rows, 1)
      assert.deepEqual(summary(result.cascades), [
        '1:customer.parent_id=1', // customer 3
        '1:orders.customer_id=2', // orders 10, 11
        '2:line.order_id=10',
        '2:orders.customer_id=1', // order 13 of customer 3
        '3:line.order_id=5',
      ])
      assert.deepEqual(summary(result.cleared), ['2:note.order_id=1'])
      assert.deepEqual(result.blockers, [])
      assert.equal(result.incomplete, false)
    })

    it('finds blockers two levels down and at the top (RESTRICT and NO ACTION)', async () => {
      const result = await preview(2)
      assert.deepEqual(summary(result.blockers), ['1:referral.customer_id=1', '3:shipment.line_id=1'])
      const refused = await deleteRecords(fx.conn.db, fx.conn.dialect, fx.resource('customer'), [[2]])
      assert.equal(refused.status, 'error')
      // SQLite reports a RESTRICT reached through a cascade as SQLITE_CONSTRAINT_TRIGGER; its dialect reads the message.
      assert.equal(refused.status === 'error' ? refused.error.code : '', 'foreign_key')
      assert.equal(Number(await fx.scalar('select count(*) from orders where customer_id = 2')), 1, 'rolled back')
    })

    it('caps counts and marks them', async () => {
      const result = await preview(1, 3)
      assert.ok(summary(result.cascades).includes('2:line.order_id=3+'))
    })

    it('matches what the delete really does', async () => {
      const before = Number(await fx.scalar('select count(*) from line'))
      const result = await deleteRecords(fx.conn.db, fx.conn.dialect, fx.resource('customer'), [[1]])
      assert.deepEqual(result, { status: 'deleted', count: 1, missing: 0 })
      assert.equal(before - Number(await fx.scalar('select count(*) from line')), 15)
      assert.equal(await fx.scalar('select order_id from note where id = 1'), null)
    })
  })
}
