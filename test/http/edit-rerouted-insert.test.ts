import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { connect } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'

// A BEFORE INSERT trigger that stores the row elsewhere and reports none (Postgres inheritance routing,
// SQLite RAISE(IGNORE)): the save succeeded, but there is no new row page to redirect to.
const setup = {
  postgres: `
    create table payment (id serial primary key, amount numeric(5,2) not null);
    create table payment_archive () inherits (payment);
    create function reroute() returns trigger language plpgsql as $$
      begin insert into payment_archive values (new.*); return null; end $$;
    create trigger reroute before insert on payment for each row execute procedure reroute();`,
  sqlite: `
    create table payment (id integer primary key, amount numeric(5,2) not null);
    create table payment_archive (id integer primary key, amount numeric(5,2) not null);
    create trigger reroute before insert on payment begin
      insert into payment_archive (amount) values (new.amount); select raise(ignore); end;`,
}

describe('a create the database reroutes', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: saved, back to the list with a message instead of a page for no row`, async () => {
      const testDb = await dialect.create(setup[dialect.name])
      const connection = await connect(testDb.url)
      try {
        const schema = await connection.dialect.introspect(connection.db)
        const client = new EditClient(createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' }))
        const s = connection.dialect.defaultSchema
        const form = readForm((await client.get(`/${s}/payment/new`)).html, '/new')
        const pairs = form.pairs.map(([n, v]): [string, string] => [n, n === 'v:amount' ? '3.50' : v])
        const saved = await client.post(form.action, [...pairs, ['_action', 'save']])
        assert.equal(saved.status, 303)
        assert.equal(saved.headers.get('location'), `/${s}/payment/`)
        const list = await client.follow(saved)
        assert.match(list.html, /Added 1 payment; the database did not return it/)
        const archived = await sql<{ n: unknown }>`select count(*) as n from payment_archive`.execute(connection.db)
        assert.equal(Number(archived.rows[0]?.n), 1)
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })
  }
})
