import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import { buildResources } from '../../src/resources/build-resources.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

/** An integer key the database hands out, as each engine spells it. */
const autoKey: Record<DialectName, string> = {
  postgres: 'id serial primary key',
  sqlite: 'id integer primary key',
}

const setup = (dialect: DialectName) => `
  create table indexed_created (${autoKey[dialect]}, "createdAt" timestamp not null, name text);
  create index indexed_created_at on indexed_created ("createdAt");
  create table unindexed_created (${autoKey[dialect]}, created_at timestamp not null, name text);
  create table chosen_key (id int primary key, created_at timestamp, name text);
  create table two_candidates (${autoKey[dialect]}, created date, placed_at timestamp not null, updated_at timestamp);
  create index two_candidates_created on two_candidates (created);
  create table plain_auto (${autoKey[dialect]}, updated_at timestamp, shipped_at timestamp);
  create table text_key (code varchar(10) primary key, name text);
  create table events (name text, inserted_at timestamp);
  create view keyless as select name, inserted_at from events;
  create table configured (${autoKey[dialect]}, created_at timestamp not null, name text);
  create index configured_created on configured (created_at);
  create table kept_as_is (${autoKey[dialect]}, name text);
`

// table → the default ordering expected, the same on both engines.
const expected: ReadonlyArray<readonly [table: string, ordering: string[], why: string]> = [
  ['indexed_created', ['-createdAt'], 'an indexed creation time (camelCase too), newest first'],
  ['unindexed_created', ['-id'], 'an unindexed creation time would sort every row: the auto key instead'],
  [
    'chosen_key',
    [],
    "a key the user chooses (int, not SQLite's rowid) says nothing of age, and created_at has no index: as before",
  ],
  ['two_candidates', ['-created'], 'the indexed candidate wins over a better name without an index'],
  ['plain_auto', ['-id'], 'no creation time (updated_at and shipped_at move): the auto key descending'],
  ['text_key', [], 'a text key: as before'],
  ['keyless', ['-inserted_at'], 'a view has no key: sorted by every column anyway, so the creation time leads'],
  ['configured', ['name'], 'the config wins'],
  ['kept_as_is', [], 'ordering: [] in the config keeps the key order'],
]

describe('default ordering, newest first', () => {
  for (const dialect of dialects) {
    describe(`on ${dialect.name}`, () => {
      const fx = suiteFixture(() => openAdminDb(dialect.name, setup(dialect.name)))
      for (const [table, ordering, why] of expected) {
        it(`${table}: ${why}`, () => {
          const resources = buildResources(
            fx.schema,
            { tables: { configured: { ordering: ['name'] }, kept_as_is: { ordering: [] } } },
            { defaultSchema: fx.s },
          )
          const resource = resources.find((r) => r.table.name === table)!
          assert.deepEqual(
            resource.ordering.map((term) => `${term.desc ? '-' : ''}${term.column}`),
            ordering,
          )
        })
      }
    })
  }
})
