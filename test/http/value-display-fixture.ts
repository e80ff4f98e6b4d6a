import type { DialectName } from '../../src/introspect/metadata.js'

// The same values on both dialects; SQLite has no money type, so there it is the text Postgres writes.
export const ledgerSetup: Record<DialectName, string> = {
  postgres: `
    set timezone = 'Europe/Berlin';
    create table ledger (id integer primary key, amount numeric(10,2), ratio numeric, price money,
      euros numeric(12,2), noted timestamp, paid timestamptz);
    insert into ledger values (1, 1503.5, 1234567.891, 1503.5, 1503.5, '2024-01-31 14:05:00', '2024-01-31 15:05:00.123456+01');`,
  sqlite: `
    create table ledger (id integer primary key, amount numeric(10,2), ratio numeric, price text,
      euros numeric(12,2), noted datetime, paid datetime);
    insert into ledger values (1, 1503.5, 1234567.891, '$1,503.50', 1503.5, '2024-01-31 14:05:00', '2024-01-31T16:05:00.123456+02:00');`,
}
