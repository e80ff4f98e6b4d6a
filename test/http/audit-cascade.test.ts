import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { auditLogFor, setUpAuditLog } from '../../src/audit/audit-log.js'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { deleteRecords } from '../../src/records/delete-records.js'
import { buildResources } from '../../src/resources/build-resources.js'
import type { Resource } from '../../src/resources/resource.js'
import { auditLogTable, defaultSchema, dialects, type TestDb } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'

// parent 1 takes children 10, 11 (CASCADE) and their grandchildren 100, 101 (CASCADE) with it, nulls
// note 20's reference (SET NULL) and sets tagged 30's back to parent 0 (SET DEFAULT).
const setup = `
  create table parent (id integer primary key, name text);
  create table child (id integer primary key, parent_id int references parent(id) on delete cascade, v text);
  create table grandchild (id integer primary key, child_id int references child(id) on delete cascade);
  create table note (id integer primary key, parent_id int references parent(id) on delete set null, body text);
  create table tagged (id integer primary key, parent_id int default 0 references parent(id) on delete set default);
  insert into parent values (0, 'default'), (1, 'p1'), (2, 'p2'), (3, 'p3');
  insert into child values (10, 1, 'a'), (11, 1, 'b'), (12, 2, 'c'), (13, 3, 'd'), (14, 3, 'e'), (15, 3, 'f');
  insert into grandchild values (100, 10), (101, 11), (102, 12);
  insert into note values (20, 1, 'n1'), (21, 2, 'n2');
  insert into tagged values (30, 1);
`

interface Entry {
  table_name: string
  record_key: string
  action: string
  changes: Record<string, unknown>
  note: string | null
}

for (const dialect of dialects) {
  describe(`audit of what a delete cascades to, on ${dialect.name}`, () => {
    let test: TestDb
    let connection: Connection
    let client: EditClient
    let resources: Resource[]
    let target: string
    const s = defaultSchema[dialect.name]
    before(async () => {
      test = await dialect.create(setup)
      connection = await connect(test.url)
      const schema = await connection.dialect.introspect(connection.db)
      resources = buildResources(schema, {}, { defaultSchema: s })
      target = dialect.name === 'postgres' ? 'steward.audit_log' : join(mkdtempSync(join(tmpdir(), 'audit-')), 'a.db')
      const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 't', audit: { target } })
      client = new EditClient(admin)
    })
    after(async () => {
      await connection.close()
      await test.drop()
    })
    const log = () => sql.raw(auditLogTable[dialect.name])
    const entries = async (): Promise<Entry[]> => {
      const { rows } = await sql<Entry & { changes: string }>`select table_name, record_key, action, changes, note
        from ${log()} order by id`.execute(connection.db)
      return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as Record<string, unknown> }))
    }
    const ids = async (table: string) =>
      (await sql<{ id: unknown }>`select id from ${sql.id(table)} order by id`.execute(connection.db)).rows.map((r) =>
        Number(r.id),
      )
    const remove = async (id: number) => {
      const form = readForm((await client.get(`/${s}/parent/row/${id}/delete`)).html, '/delete')
      return client.post(form.action, form.pairs)
    }

    it('records each cascaded delete and each cleared reference with a note, in the delete’s transaction', async () => {
      await client.follow(await remove(1))
      const found = await entries()
      const brief = found.map((e) => [e.table_name, e.record_key, e.action, e.note])
      assert.deepEqual(brief, [
        ['parent', '1', 'delete', null],
        ['child', '10', 'delete', 'cascaded from parent 1'],
        ['child', '11', 'delete', 'cascaded from parent 1'],
        ['grandchild', '100', 'delete', 'cascaded from parent 1'],
        ['grandchild', '101', 'delete', 'cascaded from parent 1'],
        ['note', '20', 'update', 'set null by deleting parent 1'],
        ['tagged', '30', 'update', 'set to the default by deleting parent 1'],
      ])
      assert.deepEqual(found[1]!.changes, { id: 10, parent_id: 1, v: 'a' })
      assert.deepEqual(found[5]!.changes, { parent_id: [1, null] })
      assert.deepEqual(found[6]!.changes, { parent_id: [1, 0] })
    })

    it('the History of a cascaded child says it went with its parent', async () => {
      const page = await client.get(`/${s}/child/row/10/history`)
      assert.equal(page.status, 200)
      assert.match(page.html, /Deleted by anonymous/)
      assert.match(page.html, /cascaded from parent 1/)
      const cleared = await client.get(`/${s}/note/row/20/history`)
      assert.match(cleared.html, /Changed by anonymous/)
      assert.match(cleared.html, /set null by deleting parent 1/)
    })

    it('an audit entry that cannot be written rolls the whole delete back, cascades included', async () => {
      const count = (await entries()).length
      if (dialect.name === 'postgres')
        await sql`alter table steward.audit_log add constraint no_grandchild check (table_name <> 'grandchild') not valid`.execute(
          connection.db,
        )
      else
        await sql`create trigger steward_audit.no_grandchild before insert on audit_log
          when new.table_name = 'grandchild' begin select raise(abort, 'no grandchild'); end`.execute(connection.db)
      try {
        const response = await remove(2)
        assert.equal(response.status, 409)
        assert.match(await response.text(), /audit entry could not be written/)
      } finally {
        if (dialect.name === 'postgres')
          await sql`alter table steward.audit_log drop constraint no_grandchild`.execute(connection.db)
        else await sql`drop trigger steward_audit.no_grandchild`.execute(connection.db)
      }
      assert.deepEqual(await ids('parent'), [0, 2, 3])
      assert.deepEqual(await ids('child'), [12, 13, 14, 15])
      assert.deepEqual(await ids('grandchild'), [102])
      assert.equal((await entries()).length, count)
    })

    it('records at most `cap` rows per relation one by one; the parent’s entry says more went', async () => {
      const audit = { log: auditLogFor(dialect.name, target), actor: 'cap' }
      await setUpAuditLog(connection.db, audit.log)
      const parent = resources.find((resource) => resource.table.name === 'parent')!
      const result = await deleteRecords(connection.db, connection.dialect, parent, [[3]], audit, { resources, cap: 2 })
      assert.equal(result.status, 'deleted')
      const mine = (await entries()).filter((e) => e.record_key === '3' || e.note?.includes('parent 3'))
      assert.deepEqual(
        mine.map((e) => [e.table_name, e.record_key]),
        [
          ['parent', '3'],
          ['child', '13'],
          ['child', '14'],
        ],
      )
      assert.match(
        mine[0]!.note ?? '',
        /More than 2 rows were affected in child \(via parent_id, deleted\): only the first 2 of each have an entry/,
      )
      assert.deepEqual(await ids('child'), [12])
    })
  })
}
