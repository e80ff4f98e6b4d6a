import Database from 'better-sqlite3'
import pg from 'pg'
import type { DialectName } from '../../src/introspect/metadata.js'
import type { StewardConfig } from '../../src/resources/define-config.js'
import { keyOrder } from '../helpers/key-order.js'
import { openAdminDb, type AdminDb } from '../helpers/test-db.js'
import { EditClient } from './edit-client.js'

/**
 * A table with a column of every kind, plus a parent/child chain and constraint cases. `everything` row 1
 * holds awkward values (NULLs, '', leading newlines, huge integers, NaN, infinities, zones, microseconds,
 * JSON with big numbers, arrays with NULL and quotes, bytes), row 2 is mostly NULL.
 */
const setup = {
  postgres: `
    create type mood as enum ('sad', 'ok', 'happy');
    create table everything (
      id serial primary key, notes text, vc varchar(20), ch char(5), i int4, si int2, bi int8, dec numeric(12,3), num numeric,
      f8 float8, f4 float4, b bool, bn bool not null default false, d date, ts timestamp, tstz timestamptz, tm time,
      tmtz timetz, iv interval, u uuid, j json, jb jsonb, m mood, st text check (st in ('new', 'done')),
      arr int4[], tarr text[], by bytea, ip inet, net cidr, mac macaddr, pt point, gen int4 generated always as (i * 2) stored
    );
    insert into everything (notes, vc, ch, i, si, bi, dec, num, f8, f4, b, bn, d, ts, tstz, tm, tmtz, iv, u, j, jb, m, st, arr, tarr, by, ip, net, mac, pt)
    values (E'\\nfirst line\\r\\nsecond  ', '', 'ab', -1073741824, 32767, 9223372036854775807, 123456789.125, 3.14159265358979323846264338,
      'NaN', 1.1, true, true, 'infinity', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05+05:30', '23:59:59.999999',
      '03:04:05+02', '1 year 2 mons 3 days 04:05:06', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"big": 123456789012345678901234567890,  "s": "x"}',
      '{"b": [1, 2], "a": null}', 'happy', 'done', '{1,NULL,3}', '{"a b","",NULL,"q\\"uote"}', '\\x00ff10', '192.168.0.1/24', '10.0.0.0/8',
      '08:00:2b:01:02:03', '(1.5,2)'),
      (null, null, null, null, null, null, null, null, null, null, null, false, '2024-02-29', '2024-01-02 00:00:00', null, '12:00:00', null, null,
       null, null, null, null, null, '{}', null, '\\x', null, null, null, null);
    create table customer (id serial primary key, name text not null unique, code text not null, qty int check (qty > 0));
    create table orders (id serial primary key, customer_id int not null references customer(id) on delete cascade, ref text);
    create table line (id serial primary key, order_id int not null references orders(id) on delete cascade);
    create table invoice (id serial primary key, order_id int references orders(id) on delete set null);
    create table hold (id serial primary key, line_id int references line(id));
    create table stay (id serial primary key, during tsrange, exclude using gist (during with &&));
    create table keyless (a text, b int);
    create view customer_names as select id, name from customer;
    create table audit (what text);
    create function log_update() returns trigger language plpgsql as $$ begin insert into audit values (TG_TABLE_NAME); return new; end $$;
    create trigger everything_updated before update on everything for each row execute function log_update();`,
  sqlite: `
    create table everything (
      id integer primary key, notes text, vc varchar(20), i integer, bi bigint, dec numeric(12,3), f real, b boolean,
      bn boolean not null default 0, d date, ts datetime, tm time, u uuid, j json, st text check (st in ('new', 'done')),
      by blob, anything, iv interval, ip inet, gen integer generated always as (i * 2) stored
    );
    insert into everything (notes, vc, i, bi, dec, f, b, bn, d, ts, tm, u, j, st, by, anything, iv, ip) values
      (char(10) || 'first line' || char(13, 10) || 'second  ', '', 9223372036854775807, -9007199254740993, 123.125, 0.1, 1, 1,
       '2024-02-29', '2024-01-02T03:04:05.123Z', '03:04', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"big": 123456789012345678901234567890}',
       'done', x'00ff10', 42, '1 day', '10.0.0.1'),
      (null, null, null, null, 7, 1e300, null, 0, null, '2024-01-02 03:04:05', null, null, null, null, x'', 'text in an untyped column', null, null);
    create table customer (id integer primary key, name text not null unique, code text not null, qty int check (qty > 0));
    create table orders (id integer primary key, customer_id int not null references customer(id) on delete cascade, ref text);
    create table line (id integer primary key, order_id int not null references orders(id) on delete cascade);
    create table invoice (id integer primary key, order_id int references orders(id) on delete set null);
    create table hold (id integer primary key, line_id int references line(id));
    create table keyless (a text, b int) ;
    create view customer_names as select id, name from customer;
    create table audit (what text);
    create trigger everything_updated before update on everything begin insert into audit values ('everything'); end;`,
}

/** customers 1..2, orders: customer 1 has 2 orders with 3 lines each; order 1 has an invoice; a hold on a line of customer 2. */
const data = `
  insert into customer (name, code, qty) values ('Alice', 'A', 1), ('Bob', 'B', 2);
  insert into orders (customer_id, ref) values (1, 'o1'), (1, 'o2'), (2, 'o3');
  insert into line (order_id) values (1), (1), (1), (2), (2), (2), (3);
  insert into invoice (order_id) values (1);
  insert into hold (line_id) values (7);
  insert into keyless values ('x', 1), ('x', 1), ('y', 2);`

/** A row exactly as the database holds it, to compare byte for byte. */
const rawRows: Record<DialectName, (url: string, table: string, id: number) => Promise<unknown>> = {
  /** The row's text. */
  async postgres(url, table, id) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (await client.query(`select t::text as row from ${table} t where id = $1`, [id])).rows[0]?.row
    } finally {
      await client.end()
    }
  },
  /** Every column's storage class and value. */
  async sqlite(url, table, id) {
    const db = new Database(url.replace(/^sqlite:/, ''), { readonly: true })
    db.defaultSafeIntegers(true)
    try {
      const columns = (db.prepare(`select name from pragma_table_xinfo('${table}')`).all() as { name: string }[]).map(
        (c) => c.name,
      )
      const select = columns.map((c) => `typeof("${c}") as "t_${c}", "${c}"`).join(', ')
      return db.prepare(`select ${select} from ${table} where id = ?`).get(id)
    } finally {
      db.close()
    }
  },
}

export interface EditFixture extends AdminDb {
  client(config?: StewardConfig): EditClient
  /** Rows exactly as the database holds them, compared byte for byte (Postgres: the row's text; SQLite: storage class + value). */
  rawRow(table: string, id: number): Promise<unknown>
}

/** How many rows `table` holds now. */
export const tableCount = async (fx: EditFixture, table: string) =>
  Number(
    (
      await fx.connection.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

export async function createEditFixture(dialect: DialectName): Promise<EditFixture> {
  const db = await openAdminDb(dialect, setup[dialect] + data)
  return {
    ...db,
    // Written for lists in the key's order: see keyOrder.
    client: (config) => new EditClient(db.admin({ config: keyOrder(db.schema, config) })),
    rawRow: (table, id) => rawRows[dialect](db.test.url, table, id),
  }
}
