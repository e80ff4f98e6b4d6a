import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { withAdmin } from '../helpers/test-db.js'

// A view has no key: its rows are found by all their comparable columns. Values that do not compare
// equal to themselves once they have been through a URL (floats, time zones, padded text, NULL …) must
// not get a link that ends in a 404.
const setup = `
  create table reading (id serial primary key, label text, f double precision, r real, n numeric, ts timestamptz,
    t time, tz timetz, i interval, d date, b boolean, c char(5), doc json, docb jsonb, ip inet, raw bytea,
    tags text[], m money, u uuid, big bigint);
  insert into reading (label, f, r, n, ts, t, tz, i, d, b, c, doc, docb, ip, raw, tags, m, u, big) values
    ('plain', 1.5, 2.5, 3.25, '2024-01-02 03:04:05+00', '10:00', '10:00+02', '1 day', '2024-01-02', true, 'ab',
      '{"a":1}', '{"a":1}', '10.0.0.1', '\\x00ff', '{a,b}', 12.5, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 9007199254740993),
    (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
    ('float', 0.1, 0.1, 1e-20, '2024-06-30 23:59:59.999999+05:30', '24:00', '23:59:59.5-11', '-1 mon 3 days 00:00:01.5',
      'infinity', false, 'x    ', '[1, 2]', '[]', '::1', '', '{}', -1, null, -1),
    ('nan', 'NaN', '-Infinity', 'NaN', 'infinity', '00:00', '00:00+00', '0', '4713-01-01 BC', null, '', 'null', 'null',
      '192.168.0.0/24', null, '{NULL}', 0, null, 0),
    ('pi', pi(), pi(), 1e1000, 'epoch', '12:34:56.789', '01:02:03+14', '1 year', '2024-02-29', true, ' ', '"s"', '"s"',
      null, null, null, null, null, null),
    ('tiny', 5e-324, 1.17549435e-38, 0.0000001, now(), null, null, null, null, null, null, null, null, null, null, null,
      null, null, null);
  create view reading_view as select * from reading;
  create type mood as enum ('sad', 'ok', '', 'NULL');
  create domain short_text as varchar(8);
  create table odd (e mood, dm short_text, nm name, x xml, p point, rg int4range, tv tsvector, bt bit(3), vb varbit,
    o oid, mac macaddr, crlf text, ch "char", js jsonb, ar int[], big numeric(1000, 0));
  insert into odd values ('ok', 'a b', 'pg_class', '<a/>', '(1,2)', '[1,5)', 'a b', '101', '1', 42, '08:00:2b:01:02:03',
    E'line\r\nnext\rlast', 'x', '{"k": [1]}', '{1,2}', 12),
    ('', '', '', null, null, 'empty', '', '000', '', 0, null, E'\t tab ', null, null, null, null),
    ('NULL', null, null, null, null, null, null, null, null, null, null, '.', null, null, null, null),
    (null, '~,x', null, null, null, null, null, null, null, null, null, '..', null, null, null, null);
  create view odd_view as select * from odd;
  create view json_only as select js, ar from odd;
  create view reading_sums as select label, f * 3 as f3, r / 3 as r3, n / 7 as n7, ts, doc from reading;
`

describe('row links of a Postgres view without a key', () => {
  it('with NULL, json, float, xml … columns: draws no link that would not resolve, and every drawn link opens its row', async () => {
    await withAdmin('postgres', setup, async (fx) => {
      const admin = fx.admin({ secret: 'test' })
      // view → how many rows get a link: every row of a view with comparable columns, none without any.
      const expected: Record<string, number> = { reading_view: 6, reading_sums: 6, odd_view: 4, json_only: 0 }
      for (const [view, count] of Object.entries(expected)) {
        const list = await admin.request(`/public/${view}/`)
        assert.equal(list.status, 200, view)
        const html = await list.text()
        const links = new Set(
          [...html.matchAll(/href="([^"]*\/row\/[^"]*)"/g)].map((m) =>
            m[1]!.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
          ),
        )
        assert.equal(links.size, count, view)
        for (const link of links) {
          const detail = await admin.request(link)
          assert.equal(detail.status, 200, link)
          assert.doesNotMatch(await detail.text(), /More than one row/, link)
        }
      }
    })
  })
})

// SQLite stores what it is given: an INTEGER column may hold 'abc', which no integer in a URL can match.
const sqliteSetup = `
  create table reading (n integer, f real, label text, d date, doc json);
  insert into reading values (1, 0.1, 'a', '2024-01-02', '{}'), ('abc', 'not a float', null, 'not a date', null),
    (null, null, null, null, null), (2, -0.0, '', '2024-02-03', '[1]');
  create view reading_view as select * from reading;
  create view computed as select n + 1, upper(label) from reading;
`

describe('row links of a SQLite view without a key', () => {
  it('links only the rows whose values read back as their column kind, and every link opens its row', async () => {
    await withAdmin('sqlite', sqliteSetup, async (fx) => {
      const admin = fx.admin({ secret: 'test' })
      const expected: Record<string, number> = { reading_view: 3, reading: 4, computed: 0 }
      for (const [view, count] of Object.entries(expected)) {
        const html = await (await admin.request(`/main/${view}/`)).text()
        const links = new Set(
          [...html.matchAll(/href="([^"]*\/row\/[^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')),
        )
        assert.equal(links.size, count, view)
        for (const link of links) assert.equal((await admin.request(link)).status, 200, link)
      }
    })
  })
})
