import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { deleteRecords } from '../../src/records/delete-records.js'
import { insertRecord } from '../../src/records/insert-record.js'
import { rowVersion } from '../../src/records/conflict.js'
import { updateRecord } from '../../src/records/update-record.js'
import type { WriteHooks } from '../../src/records/write-hooks.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { Refusal, type TableHooks } from '../../src/resources/behaviour.js'
import { dialects } from '../helpers/test-db.js'
import { openFixture, type WriteFixture } from './write-fixture.js'

const setup: Record<DialectName, string> = {
  sqlite: `create table thing (id integer primary key, name text not null, qty int, note text);
    insert into thing (name, qty) values ('one', 1), ('two', 2), ('three', 3);`,
  postgres: `create table thing (id serial primary key, name text not null, qty int, note text);
    insert into thing (name, qty) values ('one', 1), ('two', 2), ('three', 3);`,
}

const user = { id: 'u', name: 'Una', roles: ['editor'] }
const hooks = (...list: TableHooks[]): WriteHooks => ({ hooks: list, user })

for (const { name: dialect, create } of dialects) {
  describe(`write hooks in the data layer on ${dialect}`, () => {
    let fx: WriteFixture
    before(async () => {
      fx = await openFixture(create, setup[dialect])
    })
    after(async () => fx.close())

    const thing = () => fx.resource('thing')
    const count = async () => Number(await fx.scalar('select count(*) from thing'))
    const insert = (values: Record<string, unknown>, list: WriteHooks) =>
      insertRecord(fx.conn.db, fx.conn.dialect, thing(), values, null, { hooks: list })

    it('runs beforeSave hooks in turn, each seeing the values the one before returned', async () => {
      const seen: unknown[] = []
      const result = await insert(
        { name: 'chained' },
        hooks(
          { beforeSave: () => ({ qty: 10 }) },
          {
            beforeSave: ({ values, user: who, table }) => {
              seen.push({ ...values }, who?.name, table.name)
              return { note: `qty was ${String(values.qty)}` }
            },
          },
        ),
      )
      assert.equal(result.status, 'created')
      assert.deepEqual(seen, [{ name: 'chained', qty: 10 }, 'Una', 'thing'])
      assert.equal(await fx.scalar(`select note from thing where name = 'chained'`), 'qty was 10')
    })

    it('refuses values for a column the table does not have, naming the hook; nothing is written', async () => {
      const before = await count()
      const result = await insert({ name: 'bad' }, hooks({ beforeSave: () => ({ no_such: 1 }) as any }))
      assert.equal(result.status, 'refused')
      assert.match(result.status === 'refused' ? result.message : '', /beforeSave hook of Thing/)
      assert.match(String(result.status === 'refused' && (result.cause as Error).message), /no_such/)
      assert.equal(await count(), before)
    })

    it('a failed statement of a hook is the hook failing, not a database error on the form; the next write works', async () => {
      const before = await count()
      const broken = hooks({
        beforeSave: async ({ trx }) => void (await sql`select * from no_such_table`.execute(trx)),
      })
      const result = await insert({ name: 'broken' }, broken)
      assert.equal(result.status, 'refused')
      assert.ok(result.status === 'refused' && result.cause !== undefined, 'the driver error is kept for the log')
      assert.equal(await count(), before)
      assert.equal((await insert({ name: 'fine' }, hooks())).status, 'created')
    })

    it('a Refusal from afterSave rolls back the update that was already made', async () => {
      const current = (await sql<Record<string, unknown>>`select * from thing where id = 2`.execute(fx.conn.db))
        .rows[0]!
      const result = await updateRecord(
        fx.conn.db,
        fx.conn.dialect,
        thing(),
        {
          keyValues: [2],
          version: rowVersion(thing().columns, current, dialect),
          changes: { qty: 20 },
        },
        null,
        {
          hooks: hooks({
            afterSave: ({ row }) => {
              if (row.qty === 20) throw new Refusal('Too many.', { field: 'qty' })
            },
          }),
        },
      )
      assert.deepEqual(result, { status: 'refused', message: 'Too many.', field: 'qty' })
      assert.equal(Number(await fx.scalar('select qty from thing where id = 2')), 2)
    })

    it('a Refusal from afterDelete of the second row keeps both rows', async () => {
      const seen: unknown[] = []
      const result = await deleteRecords(fx.conn.db, fx.conn.dialect, thing(), [[1], [3]], null, {
        hooks: hooks({
          afterDelete: ({ row }) => {
            seen.push(row.name)
            if (row.id === 3) throw new Refusal('Not three.')
          },
        }),
      })
      assert.deepEqual(result, { status: 'refused', message: 'Not three.' })
      assert.deepEqual(seen, ['one', 'three'])
      assert.equal(Number(await fx.scalar('select count(*) from thing where id in (1, 3)')), 2)
    })
  })
}
