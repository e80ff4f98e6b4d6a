import type { Kysely, KyselyPlugin } from 'kysely'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import type { StewardConfig } from '../../src/resources/define-config.js'
import { keyOrder } from '../helpers/key-order.js'
import type { TestDb } from '../helpers/test-db.js'

/** Keys of the composite-key table: every value that is awkward in a URL. */
export const awkwardKeys: readonly (readonly [string, string])[] = [
  ['en', 'a/b'],
  ['en', 'x,y'],
  ['en', ' sp ace '],
  ['ü', 'ünï ✓'],
  ['en', ''],
  ['en', '~.~,'],
  ['..', '..'],
  ['en', '100%?#&'],
]

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`

function setupSql(dialect: 'sqlite' | 'postgres'): string {
  const pg = dialect === 'postgres'
  const timestamp = pg ? 'timestamptz' : 'timestamp'
  const bool = (value: boolean) => (pg ? String(value) : value ? '1' : '0')
  const numbers = pg
    ? `insert into numbers select n, 'n' || n from generate_series(1, 1000) as n;`
    : `with recursive s(n) as (select 1 union all select n + 1 from s where n < 1000) insert into numbers select n, 'n' || n from s;`
  return `
    create table customers (id integer primary key, name text not null, email text unique,
      tier text not null check (tier in ('free', 'pro', 'team')), active boolean not null,
      created_at ${timestamp}, notes text, points bigint);
    create table orders (id integer primary key, customer_id integer not null references customers (id),
      total numeric(20, 2) not null, placed_at ${timestamp} not null);
    create table translations (lang text not null, key text not null, body text, primary key (lang, key));
    create table translation_notes (id integer primary key, lang text not null, key text not null, note text not null,
      foreign key (lang, key) references translations (lang, key));
    create table numbers (n integer primary key, label text not null);
    create table log_lines (line text, level text);
    create view active_customers as select id, name, email from customers where active = ${bool(true)};
    create table doomed (x integer);
    ${pg ? 'create view broken as select 1 / (count(*) - count(*)) as x from customers;' : 'create view broken as select x from doomed;'}
    insert into customers values
      (1, 'Alice Żak', 'alice@example.com', 'pro', ${bool(true)}, '2024-01-15 10:00:00', '', 9007199254740993),
      (2, 'bob', 'bob@example.com', 'free', ${bool(false)}, null, null, 1),
      (3, 'Carol', 'carol@example.com', 'team', ${bool(true)}, '2024-03-01 09:30:00', 'VIP', null);
    insert into orders values
      (1, 1, 12.34, '2024-01-20 08:00:00'), (2, 2, 5.67, '2024-02-03 12:00:00'),
      (3, 1, 99.99, '2024-02-28 23:00:00'), (4, 3, 7.25, '2024-03-05 10:00:00');
    insert into translations values ${awkwardKeys.map(([lang, key], i) => `(${quote(lang)}, ${quote(key)}, 'body ${i}')`).join(', ')};
    insert into translation_notes values (1, 'en', 'a/b', 'note on slash'), (2, 'en', 'x,y', 'note on comma');
    ${numbers}
    insert into log_lines values ('started', 'info'), ('started', 'info'), ('stopped', 'warn');
  `
}

/** Makes the fixture's broken view fail when queried (SQLite: drop the table under it after introspection). */
const breakSql = { sqlite: 'drop table doomed', postgres: '' }

/** Counts every statement Kysely runs, raw `sql` ones included. */
export class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
    this.count++
    return args.node
  }
  async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
    return args.result
  }
}

export interface BrowseFixture {
  readonly connection: Connection
  readonly schema: SchemaMetadata
  /** `main` on SQLite, `public` on Postgres. */
  readonly s: string
  readonly counter: QueryCounter
  readonly db: Kysely<any>
  admin(config?: StewardConfig): ReturnType<typeof createAdmin>
  close(): Promise<void>
}

export async function createBrowseFixture(testDb: TestDb): Promise<BrowseFixture> {
  await testDb.exec(setupSql(testDb.dialect))
  const connection = await connect(testDb.url)
  const schema = await connection.dialect.introspect(connection.db)
  if (breakSql[testDb.dialect]) await testDb.exec(breakSql[testDb.dialect])
  const counter = new QueryCounter()
  const db = connection.db.withPlugin(counter)
  return {
    connection,
    schema,
    s: connection.dialect.defaultSchema,
    counter,
    db,
    admin: (config) => createAdmin({ db, schema, checkDrift: false, config: keyOrder(schema, config) }),
    close: () => connection.close(),
  }
}
