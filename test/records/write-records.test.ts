import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { deleteRecords } from '../../src/records/delete-records.js'
import { insertRecord } from '../../src/records/insert-record.js'
import { rowVersion } from '../../src/records/conflict.js'
import { readRecord } from '../../src/records/read-record.js'
import { updateRecord } from '../../src/records/update-record.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import { dialects } from '../helpers/test-db.js'
import { openFixture, type WriteFixture } from './write-fixture.js'

// The same schema on both engines; a column-level trigger logs every UPDATE that names `amount` in its SET list.
const setup = {
  sqlite: `
    create table account (id integer primary key, name text not null unique, amount numeric(10,2), note text);
    create table audit (what text);
    create trigger amount_written before update of amount on account begin insert into audit values ('amount'); end;
    create trigger any_update before update on account begin insert into audit values ('row'); end;
    create table bag (a text, b integer);`,
  postgres: `
    create table account (id serial primary key, name text not null unique, amount numeric(10,2), note text);
    create table audit (what text);
    create function log_amount() returns trigger language plpgsql as $$ begin insert into audit values (TG_ARGV[0]); return new; end $$;
    create trigger amount_written before update of amount on account for each row execute function log_amount('amount');
    create trigger any_update before update on account for each row execute function log_amount('row');
    create table bag (a text, b integer);`,
}

/** What differs by engine: how `numeric(10,2)` reads 12.50 back, and how a table without a key names its rows. */
const expected: Record<DialectName, { amount: string; keylessKey: 'rowid' | 'columns' }> = {
  postgres: { amount: '12.50', keylessKey: 'columns' },
  sqlite: { amount: '12.5', keylessKey: 'rowid' },
}

for (const { name: dialect, create } of dialects) {
  describe(`record writes on ${dialect}`, () => {
    let fx: WriteFixture
    before(async () => {
      fx = await openFixture(create, setup[dialect], { tables: { bag: { allowKeylessEdit: true } } })
    })
    after(async () => fx.close())

    const account = () => fx.resource('account')
    const load = async (id: unknown) => (await readRecord(fx.conn.db, account(), [id], null)).row!

    it('inserts a row and returns its generated key', async () => {
      const result = await insertRecord(fx.conn.db, fx.conn.dialect, account(), { name: 'alice', amount: '12.50' })
      assert.equal(result.status, 'created')
      const [id] = result.status === 'created' ? (result.keyValues ?? []) : []
      assert.equal(typeof id, 'number')
      const row = await load(id)
      assert.equal(row.name, 'alice')
      assert.equal(String(row.amount), expected[dialect].amount)
    })

    it('inserts a row of defaults only', async () => {
      const result = await insertRecord(fx.conn.db, fx.conn.dialect, fx.resource('bag'), {})
      assert.equal(result.status, 'created')
    })

    it('writes only the changed columns, and nothing at all when nothing changed', async () => {
      const created = await insertRecord(fx.conn.db, fx.conn.dialect, account(), { name: 'bob', amount: '1.00' })
      const id = created.status === 'created' ? created.keyValues?.[0] : undefined
      await fx.test.exec('delete from audit')
      const version = rowVersion(account().columns, await load(id), dialect)
      const unchanged = await updateRecord(fx.conn.db, fx.conn.dialect, account(), {
        keyValues: [id],
        version,
        changes: {},
      })
      assert.equal(unchanged.status, 'unchanged')
      assert.equal(Number(await fx.scalar('select count(*) from audit')), 0, 'no UPDATE ran')
      const updated = await updateRecord(fx.conn.db, fx.conn.dialect, account(), {
        keyValues: [id],
        version,
        changes: { note: 'hi' },
      })
      assert.equal(updated.status, 'updated')
      assert.deepEqual(updated.status === 'updated' ? [updated.columns, updated.row.note] : [], [['note'], 'hi'])
      assert.equal(
        await fx.scalar("select count(*) from audit where what = 'amount'").then(Number),
        0,
        'amount was not in SET',
      )
      assert.equal(await fx.scalar("select count(*) from audit where what = 'row'").then(Number), 1)
      assert.equal((await load(id)).note, 'hi')
    })

    it('refuses to overwrite a row another session changed since the form was loaded', async () => {
      const created = await insertRecord(fx.conn.db, fx.conn.dialect, account(), { name: 'carol', amount: '5.00' })
      const id = created.status === 'created' ? created.keyValues?.[0] : undefined
      const versionA = rowVersion(account().columns, await load(id), dialect)
      // Session B saves first.
      const versionB = rowVersion(account().columns, await load(id), dialect)
      const b = await updateRecord(fx.conn.db, fx.conn.dialect, account(), {
        keyValues: [id],
        version: versionB,
        changes: { amount: '6.00' },
      })
      assert.equal(b.status, 'updated')
      // Session A, still holding the first version, is stopped and told which field moved.
      const a = await updateRecord(fx.conn.db, fx.conn.dialect, account(), {
        keyValues: [id],
        version: versionA,
        changes: { note: 'A' },
      })
      assert.equal(a.status, 'conflict')
      assert.deepEqual(a.status === 'conflict' ? a.changedByOthers : [], ['amount'])
      assert.equal((await load(id)).note, null, "A's change was not written")
      // Against the current version, A's re-apply goes through.
      const current = a.status === 'conflict' ? a.current : {}
      const again = await updateRecord(fx.conn.db, fx.conn.dialect, account(), {
        keyValues: [id],
        version: rowVersion(account().columns, current, dialect),
        changes: { note: 'A' },
      })
      assert.equal(again.status, 'updated')
    })

    it('reports a missing row and maps a constraint error instead of throwing', async () => {
      const gone = await updateRecord(fx.conn.db, fx.conn.dialect, account(), {
        keyValues: [999999],
        version: 'x',
        changes: { note: 'x' },
      })
      assert.deepEqual(gone, { status: 'not_found' })
      const dup = await insertRecord(fx.conn.db, fx.conn.dialect, account(), { name: 'alice' })
      assert.equal(dup.status, 'error')
      assert.equal(dup.status === 'error' ? dup.error.code : '', 'unique')
    })

    it('deletes in one transaction and rolls back a key-less delete that would hit several rows', async () => {
      await fx.test.exec("insert into bag (a, b) values ('same', 1), ('same', 1), ('one', 2)")
      const bag = fx.resource('bag')
      assert.equal(bag.key.type, expected[dialect].keylessKey)
      if (bag.key.type === 'columns') {
        const refused = await deleteRecords(fx.conn.db, fx.conn.dialect, bag, [
          ['one', 2],
          ['same', 1],
        ])
        assert.equal(refused.status, 'refused')
        assert.equal(
          Number(await fx.scalar("select count(*) from bag where a = 'one'")),
          1,
          'the first delete was rolled back too',
        )
        const changed = await updateRecord(fx.conn.db, fx.conn.dialect, bag, {
          keyValues: ['same', 1],
          version: rowVersion(bag.columns, { a: 'same', b: 1 }, dialect),
          changes: { b: 3 },
        })
        assert.equal(changed.status, 'refused')
      }
      const ids = await fx.conn.db.selectFrom('account').select('id').orderBy('id').execute()
      const result = await deleteRecords(fx.conn.db, fx.conn.dialect, account(), [[ids[0]!.id], [ids[1]!.id], [424242]])
      assert.deepEqual(result, { status: 'deleted', count: 2, missing: 1 })
    })
  })
}
