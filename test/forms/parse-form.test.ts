import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Column, Table } from '../../src/introspect/metadata.js'
import { formBody } from '../../src/forms/form-body.js'
import { formFields } from '../../src/forms/form-fields.js'
import { parseForm } from '../../src/forms/parse-form.js'
import { readVersion, rowVersion } from '../../src/records/conflict.js'
import { buildResources } from '../../src/resources/build-resources.js'
import { table as makeTable } from '../codegen/metadata-fixture.js'
import { makeColumn } from '../kinds/make-column.js'

const columns: Column[] = [
  makeColumn({
    name: 'id',
    kind: 'integer',
    baseType: 'int4',
    nullable: false,
    autoIncrement: true,
    default: "nextval('s')",
  }),
  makeColumn({ name: 'name', kind: 'text', nullable: false }),
  makeColumn({ name: 'nick', kind: 'text', nullable: true }),
  makeColumn({ name: 'qty', kind: 'integer', baseType: 'int4', nullable: true }),
  makeColumn({ name: 'size', kind: 'integer', baseType: 'int4', nullable: false }),
  makeColumn({ name: 'status', kind: 'text', nullable: false, default: "'new'::text" }),
  makeColumn({ name: 'ok', kind: 'boolean', baseType: 'bool', nullable: true }),
  makeColumn({ name: 'price', kind: 'decimal', baseType: 'numeric', precision: 6, scale: 2, nullable: true }),
  makeColumn({ name: 'total', kind: 'integer', baseType: 'int4', nullable: true, generated: 'stored' }),
]
const table = makeTable('public', 't', columns, { primaryKey: ['id'] })
const resource = buildResources(
  { dialect: 'postgres', schemas: ['public'], tables: [table] },
  {},
  { defaultSchema: 'public' },
)[0]!
const body = (pairs: Record<string, string>) => formBody(new URLSearchParams(pairs))

describe('parseForm on create', () => {
  const fields = formFields(resource, 'create', 'postgres')
  const parse = (pairs: Record<string, string>) =>
    parseForm(fields, body(pairs), { mode: 'create', dialect: 'postgres' })

  it('leaves defaulted columns to the database, turns an empty number into NULL and keeps an empty text', async () => {
    const result = await parse({
      'v:id': '',
      'v:name': '',
      'v:nick': '',
      'v:qty': '',
      'v:size': '3',
      'v:status': '',
      'v:ok': '',
    })
    assert.deepEqual(result.errors, {})
    assert.deepEqual(result.values, { name: '', nick: '', qty: null, size: 3, ok: null, price: null })
  })

  it('writes NULL from the NULL box, never a generated column, and checks precision with the zod schema', async () => {
    const result = await parse({
      'v:name': 'a',
      'v:nick': '',
      'null:nick': '1',
      'v:size': '1',
      'v:total': '99',
      'v:price': '12345.5',
    })
    assert.equal(result.values.nick, null)
    assert.equal('total' in result.values, false)
    assert.deepEqual(result.errors, { price: 'At most 4 digits before the decimal point.' })
  })

  it('says which fields are required or malformed, and keeps what was typed', async () => {
    const result = await parse({ 'v:name': 'x', 'v:size': '', 'v:qty': 'ten', 'v:nick': 'typed', 'null:nick': '1' })
    assert.deepEqual(result.errors, {
      size: 'This field is required.',
      qty: 'Enter a whole number.',
      nick: 'Clear the field for NULL, or untick NULL to keep this value.',
    })
    assert.deepEqual(result.submitted.get('qty'), { type: 'value', input: 'ten' })
    assert.deepEqual(result.submitted.get('nick'), { type: 'value', input: 'typed', nullTicked: true })
  })
})

describe('parseForm on edit', () => {
  const fields = formFields(resource, 'edit', 'postgres')
  const stored = {
    id: 7,
    name: 'line one\nline two',
    nick: null,
    qty: 4,
    size: 2,
    status: 'new',
    ok: true,
    price: '0.30000000000000004',
    total: 8,
  }
  const original = readVersion(rowVersion(resource.columns, stored, 'postgres'), resource.columns)!
  const parse = (pairs: Record<string, string>) =>
    parseForm(fields, body(pairs), { mode: 'edit', dialect: 'postgres', original })
  const unchanged = {
    'v:name': 'line one\r\nline two', // a textarea sends CRLF
    'v:nick': '',
    'null:nick': '1',
    'v:qty': '4',
    'v:size': '2',
    'v:status': 'new',
    'v:ok': 'true',
    'v:price': '0.30000000000000004', // out of the column's scale, but untouched: not validated, not written
  }

  it('finds nothing changed in an untouched form', async () => {
    const result = await parse(unchanged)
    assert.deepEqual([result.values, result.errors, result.changed], [{}, {}, []])
  })

  it('returns only the changed columns, and leaves out fields that were not sent', async () => {
    const { 'v:size': _size, 'null:nick': _null, ...rest } = unchanged
    const result = await parse({ ...rest, 'v:qty': '5', 'v:nick': 'N' })
    assert.deepEqual(result.errors, {})
    assert.deepEqual(result.values, { nick: 'N', qty: 5 })
    assert.deepEqual(result.changed, ['nick', 'qty'])
  })

  it('counts a value that only looks different (+004 for 4) as unchanged', async () => {
    const result = await parse({ ...unchanged, 'v:qty': '+004' })
    assert.deepEqual(result.values, {})
  })
})

describe('parseForm of a select whose choices include the empty text', () => {
  const mood = makeColumn({ name: 'mood', kind: 'enum', nullable: true, choices: ['', ' padded ', 'NULL', '\\x'] })
  const moodTable: Table = { ...table, columns: [columns[0]!, mood] }
  const moodResource = buildResources(
    { dialect: 'postgres', schemas: ['public'], tables: [moodTable] },
    {},
    { defaultSchema: 'public' },
  )[0]!
  const fields = formFields(moodResource, 'create', 'postgres')
  const parse = (sent: string) =>
    parseForm(fields, body({ 'v:id': '', 'v:mood': sent }), { mode: 'create', dialect: 'postgres' })

  const cases: ReadonlyArray<readonly [string, string, unknown]> = [
    ['the empty option is NULL', '', null],
    ['the escaped empty text is the choice ""', '\\', ''],
    ['a padded label keeps its spaces', ' padded ', ' padded '],
    ['the label NULL is text, not NULL', 'NULL', 'NULL'],
    ['a label starting with a backslash is escaped once more', '\\\\x', '\\x'],
  ]
  for (const [name, sent, expected] of cases) {
    it(name, async () => {
      const result = await parse(sent)
      assert.deepEqual(result.errors, {})
      assert.deepEqual(result.values, { mood: expected })
    })
  }
})
