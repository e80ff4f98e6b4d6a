import { readFileSync } from 'node:fs'

/**
 * Rows for the awkward introspection fixtures, added by the crawl test so that every table has detail pages
 * and the values a real database holds: NULL in every nullable column, empty strings, long and multi-line
 * text, unicode and markup, keys containing `/`, `,`, `~`, `%`, spaces or nothing at all, extreme numbers.
 */
const long = 'long '.repeat(1200)
const multiLine = 'first line\nsecond line\n\n  indented, then trailing spaces  '

const sqliteRows = `
  INSERT INTO "user" (id, email, "Display Name", manager_id, status, created_at) VALUES
    (3, 'nulls@example.com', NULL, NULL, 'it''s, (complicated)', NULL),
    (4, 'empty@example.com', '', 2, 'active', '2024-02-29 23:59:59'),
    (5, 'ünï@例え.jp', '名前 ✓ <b>bold</b> & "quotes" 🎉', 1, 'active', '2024-01-01 10:00:00'),
    (6, 'long@example.com', '${long}', NULL, 'disabled', '2024-06-01 00:00:00'),
    (7, 'lines@example.com', '${multiLine}', 5, 'active', '2023-12-31 23:59:59');
  INSERT INTO products (sku, name, kind, price_cents, stock_units) VALUES
    ('a/b', 'Slash', 'physical', 100, NULL), ('x,y', 'Comma', NULL, 0, 0), ('~t~', 'Tilde', 'digital', -5, 3),
    ('100%', 'Percent', 'digital', 1, 1), (' sp ace ', 'Spaces', NULL, 2, NULL), ('', 'Empty key', NULL, 3, NULL),
    ('ünï ✓', 'Unicode', 'physical', 4, 9223372036854775807);
  INSERT INTO "order" (id, buyer_id, seller_id, total, paid, meta, priority) VALUES
    (2, 5, NULL, 0, FALSE, '{"a":[1,2,{"b":null}],"ü":"x"}', -3),
    (3, 4, 1, 99999999.99, TRUE, '[]', NULL);
  INSERT INTO order_items (order_id, line, sku, qty, unit_price) VALUES
    (2, 1, 'a/b', 3, 0.1), (2, 2, '', 1, 0), (3, 1, '100%', 12, 99.99);
  INSERT INTO "select" (code, "from", "group", "where") VALUES
    (1, 'from', '550e8400-e29b-41d4-a716-446655440000', 12.5), (2, '', NULL, NULL), (-7, NULL, NULL, 3);
  INSERT INTO legacy_ids (id, note) VALUES (3, 'three'), (-1, NULL), (0, '');
  INSERT INTO audit_log (at, message, payload, anything) VALUES
    ('2024-01-01 00:00:00', 'hello', X'00FF10', 42), (NULL, NULL, NULL, NULL), ('2024-05-05 05:05:05', 3.5, X'', 'text');
  INSERT INTO tags (slug, lang, label) VALUES ('a/b', 'en', 'Slash'), ('x,y', 'de', NULL), ('~%', 'ü', '');
  INSERT INTO stock_levels (warehouse, sku, bin, quantity) VALUES
    ('main/1', 'a/b', 1, 5), ('', '', 0, 0), ('w,2', '100%', -1, 3), ('~', ' sp ace ', 2, 1);
  INSERT INTO stock_moves (id, warehouse, sku, bin, delta) VALUES (1, 'main/1', 'a/b', 1, 2), (2, '', '', 0, -1);
  -- SQLite keeps what it is given: values that do not match the declared type, as real files hold them.
  INSERT INTO "user" (id, email, "Display Name", manager_id, status, created_at) VALUES
    (8, 'epoch@example.com', 42, NULL, 'active', 1700000000), (9, 'text@example.com', X'6869', NULL, 'active', 'soon');
  INSERT INTO "select" (code, "from", "group", "where") VALUES (3, 1.5, 'not-a-uuid', 'a lot');
  INSERT INTO audit_log (at, message, payload, anything) VALUES ('garbage', X'00', 'text in a blob', 1e308);
  INSERT INTO legacy_ids (id, note) VALUES (4, X'DEADBEEF');
  INSERT INTO "Mixed Case Ünïcode" ("Ключ", "Weird ""quoted"" col", big, "Größe", product_sku) VALUES
    (2, NULL, NULL, NULL, 'a/b'), (3, '', -9223372036854775808, 'S', ''), (4, '${multiLine}', 0, 'L', NULL);
`

const pgRows = `
  insert into "user" (id, email, manager_id, status, created_at) values
    (1, 'ada@example.com', null, 'active', '2024-01-01 10:00:00+00'),
    (2, 'ünï@例え.jp', 1, 'suspended', '2024-02-29 23:59:59.999999+05:30'),
    (3, '', 2, 'closed', '1999-12-31 23:59:59+00'),
    (4, 'long-${'x'.repeat(200)}@example.com', null, 'active', '2024-06-01 00:00:00+00');
  select setval(pg_get_serial_sequence('"user"', 'id'), 4);
  insert into "order" (buyer_id, seller_id, status, priority, channel, total, placed_on) values
    (1, 2, 'paid', 'high', 'web', 12.50, '2024-01-20'),
    (2, null, 'pending', null, null, 0.01, '2024-02-29'),
    (3, 1, 'cancelled', 'low', 'phone', 9999999999.99, '0001-01-01');
  insert into "select" (order_id, line, quantity, size) values (1, 1, 2, 'S'), (1, -2, 1, null), (2, 32767, 5, 'XL');
  insert into warehouse_slots (warehouse, aisle, shelf, capacity) values
    ('main', 1, 1, 10), ('a/b', 2, 0, null), ('x,y ~%', -1, 3, 0), ('', 0, 0, 1), ('ünï ✓', 5, 5, 5);
  insert into slot_items (warehouse, aisle, shelf, sku) values
    ('main', 1, 1, 'abc'), ('a/b', 2, 0, ''), (null, null, null, 'n/a');
  insert into tags (name, slug, scope) values ('a/b', 'a-b', null), ('', null, null), ('100% ~,', 'x', 'y');
  insert into "Mixed Case Ünïcode" ("Weird ""quoted"" col", "Straße", "select") values
    ('it''s', 'Hauptstraße 1', 1), ('back\\slash', '', null), (null, null, -2147483648);
  insert into kitchen_sink (id, big, amount, plain_numeric, ratio, flag, code, label, body, ints, words, statuses,
    doc, docb, span, addr, net, mac, blob, search, ts, ts3, tstz, d, t, ttz, price) values
    ('00000000-0000-0000-0000-000000000001', -9223372036854775808, -0.0000000001, 1e-30, 'Infinity', false, 'ab ',
     'Ünï', '${multiLine}', '{1,NULL,3}', '{"a,b","c\\"d",NULL,""}', '{paid,pending}',
     '{"a": [1, 2], "s": "<b>"}', '{"b": {"c": null}}', '1 year 2 mons 3 days 04:05:06.789', '::1', '10.0.0.0/8',
     '08:00:2b:01:02:03', '\\x00ff', 'a fat cat', '2024-02-29 12:34:56.123456', '2024-02-29 12:34:56.123',
     '2024-02-29 12:34:56+05:30', '2024-02-29', '23:59:59.999999', '12:00:00+02', 0.01),
    ('00000000-0000-0000-0000-000000000002', null, null, null, null, null, null, '', '', '{}', '{}', '{}',
     'null', '[]', '-1 days', null, null, null, '\\x', '', 'infinity', null, '-infinity', null, null, null, 99.99);
  insert into kitchen_sink (id, plain_numeric, ratio, ts, tstz, d, price) values
    ('00000000-0000-0000-0000-000000000003', '-Infinity', '-Infinity', '0044-03-15 12:00:00 BC', '294276-12-31 23:59:59+00',
     '4713-01-01 BC', 5);
  insert into measurement_notes (measurement_id, taken_on, note) select id, taken_on, 'note ' || id from measurements
    where id <= 3;
  insert into invoices (order_id, number) values (1, 'INV/2024/1'), (null, '');
  insert into billing.invoices (public_invoice_id, currency, amount) values (1, 'EUR', 12.50), (null, 'GBP', 0.01);
  refresh materialized view order_totals;
  analyze;
`

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

/** The awkward fixture of a dialect plus the crawl's rows and the values no HTML control holds as they are. */
export function crawlSetupSql(dialect: 'sqlite' | 'postgres'): string {
  return dialect === 'sqlite'
    ? `${fixture('awkward-sqlite.sql')}\n${sqliteRows}\n${fixture('exact-values-sqlite.sql')}\n${fixture('prototype-names.sql')}`
    : `${fixture('awkward-postgres.sql')}\n${pgRows}\n${fixture('exact-values-postgres.sql')}\n${fixture('prototype-names.sql')}`
}
