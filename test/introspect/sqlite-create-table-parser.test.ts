import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCreateTable } from '../../src/introspect/sqlite-create-table-parser.js'

describe('parseCreateTable', () => {
  it('finds column-level and table-level checks with their names, in declared order', () => {
    const parsed = parseCreateTable(`CREATE TABLE t (
      a TEXT CONSTRAINT a_list CHECK (a IN ('x', 'y')) NOT NULL,
      b INT CHECK (b > (0)) DEFAULT (1 + 2),
      CHECK ((a <> 'z')) CONSTRAINT b_small CHECK (b < 10)
    )`)
    assert.deepEqual(parsed.checks, [
      { name: 'a_list', expression: `a IN ('x', 'y')` },
      { name: null, expression: 'b > (0)' },
      { name: null, expression: `(a <> 'z')` },
      { name: 'b_small', expression: 'b < 10' },
    ])
  })
  it('is not fooled by parentheses, commas and keywords inside strings, quoted names and comments', () => {
    const parsed = parseCreateTable(`CREATE TABLE "we(ird"(
      "check" TEXT DEFAULT 'CHECK (x), UNIQUE', -- CHECK (no)
      [unique (y)] TEXT /* , CHECK (no) */ CHECK ("check" IN ('a)', 'b,c')),
      \`z\` REFERENCES p
    )`)
    assert.deepEqual(parsed.checks, [{ name: null, expression: `"check" IN ('a)', 'b,c')` }])
    assert.deepEqual(parsed.uniques, [])
    assert.deepEqual(parsed.foreignKeys, [{ name: null, columns: ['z'], refTable: 'p' }])
  })
  it('names foreign keys from CONSTRAINT, column-level or table-level, multi-column', () => {
    const parsed = parseCreateTable(`CREATE TABLE c (
      a INT CONSTRAINT a_fk REFERENCES "Parent" (id) ON DELETE SET DEFAULT DEFAULT 0,
      b INT, d INT,
      FOREIGN KEY (b, "d") REFERENCES p2 (x, y) ON UPDATE CASCADE,
      CONSTRAINT "two → p3" FOREIGN KEY (b) REFERENCES p3 MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED
    )`)
    assert.deepEqual(parsed.foreignKeys, [
      { name: 'a_fk', columns: ['a'], refTable: 'Parent' },
      { name: null, columns: ['b', 'd'], refTable: 'p2' },
      { name: 'two → p3', columns: ['b'], refTable: 'p3' },
    ])
  })
  it('finds unique constraints and leaves a CONSTRAINT name on a primary key or NOT NULL unused', () => {
    const parsed = parseCreateTable(`CREATE TABLE u (
      id INTEGER CONSTRAINT pk PRIMARY KEY, e TEXT CONSTRAINT nn NOT NULL UNIQUE,
      f TEXT, g TEXT, CONSTRAINT fg UNIQUE (f COLLATE NOCASE, g DESC) ON CONFLICT REPLACE
    )`)
    assert.deepEqual(parsed.uniques, [
      { name: null, columns: ['e'] },
      { name: 'fg', columns: ['f', 'g'] },
    ])
  })
  it('reads what ALTER TABLE ADD COLUMN and generated columns leave in the schema', () => {
    const parsed = parseCreateTable(
      `CREATE TABLE t(a text, b int GENERATED ALWAYS AS (a || ')') STORED, e int check (e in (1,2)) references t(b))`,
    )
    assert.deepEqual(parsed.checks, [{ name: null, expression: 'e in (1,2)' }])
    assert.deepEqual(parsed.foreignKeys, [{ name: null, columns: ['e'], refTable: 't' }])
  })
  it('gives nothing for virtual tables and unparseable text', () => {
    const empty = { checks: [], foreignKeys: [], uniques: [] }
    assert.deepEqual(parseCreateTable(`CREATE VIRTUAL TABLE f USING fts5(body, CHECK)`), empty)
    assert.deepEqual(parseCreateTable(`not sql at all`), empty)
    assert.deepEqual(parseCreateTable(`CREATE TABLE t (a CHECK (a > 0`), {
      ...empty,
      checks: [{ name: null, expression: 'a > 0' }],
    })
  })
})
