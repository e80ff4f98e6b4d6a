import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { Principal } from '../../src/auth/permissions.js'
import { deleteRecords } from '../../src/records/delete-records.js'
import { readRecord } from '../../src/records/read-record.js'
import { rowVersion } from '../../src/records/conflict.js'
import { rowSource, ScopeFailed, scopedFrom, unscoped } from '../../src/records/scoped-from.js'
import { updateRecord } from '../../src/records/update-record.js'
import { insertRecord } from '../../src/records/insert-record.js'
import { writeMessages } from '../../src/records/write-messages.js'
import type { RowScope } from '../../src/resources/behaviour.js'
import { dialects } from '../helpers/test-db.js'
import { openFixture, type WriteFixture } from './write-fixture.js'

const setup = `
  create table region (code text primary key, name text not null);
  create table shop (id integer primary key, name text not null, region text not null references region (code));
  create table tag (label text, shop integer);
  insert into region values ('EU', 'Europe'), ('US', 'United States');
  insert into shop values (1, 'Paris', 'EU'), (2, 'Boston', 'US'), (3, 'Berlin', 'EU');
  insert into tag values ('a', 1), ('b', 2);`

const admin: Principal = { id: 'a', name: 'Ada', roles: ['admin'] }
const clerk: Principal = { id: 'c', name: 'Cleo', roles: ['viewer'] }

// Everything for admins; EU shops for anyone else, nobody signed in included. Written against the table's
// name too (`shop.region`), which the alias allows.
const byRegion: RowScope = (qb, { user }) => (user?.roles.includes('admin') ? qb : qb.where('shop.region', '=', 'EU'))
const throwing: RowScope = () => {
  throw new Error('no region for this user')
}

for (const { name: dialect, create } of dialects) {
  describe(`scopedFrom on ${dialect}`, () => {
    let fx: WriteFixture
    before(async () => {
      fx = await openFixture(create, setup, {
        tables: { shop: { scope: byRegion }, tag: { scope: (qb) => qb.where('label', '=', 'a') } },
      })
    })
    after(async () => fx.close())
    const names = async (user: Principal | null) =>
      (await scopedFrom(fx.conn.db, fx.resource('shop'), user).select('name').orderBy('id').execute()).map(
        (row) => row.name,
      )

    it('applies the scope for the user it is given', async () => {
      assert.deepEqual(await names(admin), ['Paris', 'Boston', 'Berlin'])
      assert.deepEqual(await names(clerk), ['Paris', 'Berlin'])
      assert.deepEqual(await names(null), ['Paris', 'Berlin'])
    })

    it('is the plain table for a resource without a scope', async () => {
      const rows = await scopedFrom(fx.conn.db, fx.resource('region'), clerk).select('code').orderBy('code').execute()
      assert.deepEqual(
        rows.map((row) => row.code),
        ['EU', 'US'],
      )
      assert.deepEqual(
        (
          await scopedFrom(fx.conn.db, unscoped(fx.resource('shop')), clerk)
            .selectAll()
            .execute()
        ).length,
        3,
      )
    })

    it('gives raw queries a source with the same columns, the rowid of a key-less SQLite table included', async () => {
      const shops = await sql<{ id: number }>`select id from ${rowSource(fx.conn.db, fx.resource('shop'), clerk)}
        where name like ${'B%'}`.execute(fx.conn.db)
      assert.deepEqual(
        shops.rows.map((row) => Number(row.id)),
        [3],
      )
      const tag = fx.resource('tag')
      const read = await readRecord(fx.conn.db, tag, tag.key.type === 'rowid' ? [1] : ['a', 1], clerk)
      assert.equal(read.row?.label, 'a')
    })

    it('reads no row outside the scope, and an update or delete of one is refused with nothing written', async () => {
      const shop = fx.resource('shop')
      assert.equal((await readRecord(fx.conn.db, shop, [2], clerk)).row, null)
      const boston = (await readRecord(fx.conn.db, shop, [2], admin)).row!
      const version = rowVersion(shop.columns, boston, dialect)
      const update = await updateRecord(fx.conn.db, fx.conn.dialect, shop, {
        keyValues: [2],
        version,
        changes: { name: 'Bostonia' },
        user: clerk,
      })
      assert.equal(update.status, 'not_found')
      const removed = await deleteRecords(fx.conn.db, fx.conn.dialect, shop, [[2]], null, { user: clerk })
      assert.deepEqual(removed, { status: 'deleted', count: 0, missing: 1 })
      assert.equal(await fx.scalar(`select name from shop where id = 2`), 'Boston')
      const allowed = await updateRecord(fx.conn.db, fx.conn.dialect, shop, {
        keyValues: [2],
        version,
        changes: { name: 'Bostonia' },
        user: admin,
      })
      assert.equal(allowed.status, 'updated')
      assert.equal(await fx.scalar(`select name from shop where id = 2`), 'Bostonia')
    })

    it("refuses an insert or an update that would put the row outside the writer's scope, writing nothing", async () => {
      const shop = fx.resource('shop')
      const outside = await insertRecord(
        fx.conn.db,
        fx.conn.dialect,
        shop,
        { id: 10, name: 'Austin', region: 'US' },
        null,
        {
          user: clerk,
        },
      )
      assert.deepEqual(outside, { status: 'refused', message: writeMessages.outsideScope })
      assert.equal(Number(await fx.scalar(`select count(*) from shop where id = 10`)), 0)
      const inside = await insertRecord(
        fx.conn.db,
        fx.conn.dialect,
        shop,
        { id: 11, name: 'Rome', region: 'EU' },
        null,
        {
          user: clerk,
        },
      )
      assert.equal(inside.status, 'created')

      const paris = (await readRecord(fx.conn.db, shop, [1], clerk)).row!
      const version = rowVersion(shop.columns, paris, dialect)
      const moved = await updateRecord(fx.conn.db, fx.conn.dialect, shop, {
        keyValues: [1],
        version,
        changes: { region: 'US' },
        user: clerk,
      })
      assert.deepEqual(moved, { status: 'refused', message: writeMessages.outsideScope })
      assert.equal(await fx.scalar(`select region from shop where id = 1`), 'EU')
      const byAdmin = await updateRecord(fx.conn.db, fx.conn.dialect, shop, {
        keyValues: [1],
        version,
        changes: { region: 'US' },
        user: admin,
      })
      assert.equal(byAdmin.status, 'updated')
      await fx.conn.db.updateTable('shop').set({ region: 'EU' }).where('id', '=', 1).execute()
      await fx.conn.db.deleteFrom('shop').where('id', '=', 11).execute()
    })

    it('turns a scope that throws, or returns something else, into ScopeFailed naming the table', () => {
      const shop = { ...fx.resource('shop'), scope: throwing }
      assert.throws(
        () => scopedFrom(fx.conn.db, shop, clerk),
        (error: unknown) =>
          error instanceof ScopeFailed && error.resource.id === 'shop' && String(error.cause).includes('no region'),
      )
      const wrong = { ...fx.resource('shop'), scope: (() => 'region = 1') as unknown as RowScope }
      assert.throws(() => rowSource(fx.conn.db, wrong, clerk), ScopeFailed)
    })
  })
}
