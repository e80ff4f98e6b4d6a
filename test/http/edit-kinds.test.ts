import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { readForm, withValue } from './edit-client.js'
import { createEditFixture } from './edit-fixture.js'

/** [column, create input, value read back, edit input, value read back] — values in the driver's shape. */
type Case = readonly [string, string, unknown, string, unknown]

const cases: Record<'postgres' | 'sqlite', readonly Case[]> = {
  postgres: [
    ['notes', 'hello\r\nworld', 'hello\nworld', '', ''],
    ['vc', 'short', 'short', 'ünïcödé', 'ünïcödé'],
    ['ch', 'abc', 'abc  ', 'x', 'x    '],
    ['i', '42', 42, '-1073741824', -1073741824],
    ['si', '-7', -7, '32767', 32767],
    ['bi', '9223372036854775806', '9223372036854775806', '-9223372036854775808', '-9223372036854775808'],
    ['dec', '12.5', '12.500', '999999999.999', '999999999.999'],
    [
      'num',
      '0.1',
      '0.1',
      '123456789012345678901234567890.000000000000000001',
      '123456789012345678901234567890.000000000000000001',
    ],
    ['f8', '2.5', 2.5, '-Infinity', -Infinity],
    ['f4', '0.5', 0.5, '1e-3', 0.001],
    ['b', 'true', true, 'false', false],
    ['bn', 'true', true, 'false', false],
    ['d', '2024-03-01', '2024-03-01', '-infinity', '-infinity'],
    ['ts', '2024-03-01T10:20', '2024-03-01 10:20:00', '2024-03-01T10:20:30.5', '2024-03-01 10:20:30.5'],
    ['tstz', '2024-03-01 10:20:30+00', '2024-03-01 10:20:30+00', '2024-03-01T12:00:00Z', '2024-03-01 12:00:00+00'],
    ['tm', '10:20', '10:20:00', '23:59:59.25', '23:59:59.25'],
    ['tmtz', '10:20:30+01', '10:20:30+01', '00:00:00-03:30', '00:00:00-03:30'],
    ['iv', '2 hours', '02:00:00', '1 day', '1 day'],
    [
      'u',
      '123E4567-E89B-12D3-A456-426614174000',
      '123e4567-e89b-12d3-a456-426614174000',
      '{00000000000000000000000000000000}',
      '00000000-0000-0000-0000-000000000000',
    ],
    ['j', '{"a":  1}', '{"a":  1}', 'null', 'null'],
    ['jb', '[1,2]', '[1, 2]', '{"n": 123456789012345678901234567890}', '{"n": 123456789012345678901234567890}'],
    ['m', 'sad', 'sad', 'ok', 'ok'],
    ['st', 'new', 'new', 'done', 'done'],
    ['arr', '[1,2,3]', [1, 2, 3], '{}', []],
    ['tarr', '{x,"y z",NULL}', ['x', 'y z', null], '["a,b", ""]', ['a,b', '']],
    ['by', '0a0B', Buffer.from([10, 11]), '\\xff', Buffer.from([255])],
    ['ip', '10.1.2.3', '10.1.2.3', '::1', '::1'],
    ['net', '192.168.0.0/16', '192.168.0.0/16', '10.0.0.0/8', '10.0.0.0/8'],
    ['mac', '08:00:2b:01:02:03', '08:00:2b:01:02:03', '08-00-2b-01-02-04', '08:00:2b:01:02:04'],
    ['pt', '(1,2)', { x: 1, y: 2 }, '(3.5,-4)', { x: 3.5, y: -4 }],
  ],
  sqlite: [
    ['notes', 'hello\r\nworld', 'hello\nworld', '', ''],
    ['vc', 'short', 'short', 'ünïcödé', 'ünïcödé'],
    ['i', '42', 42, '9223372036854775807', '9223372036854775807'],
    ['bi', '9007199254740993', '9007199254740993', '-5', -5],
    ['dec', '12.5', 12.5, '7', 7],
    ['f', '0.1', 0.1, '-1e-300', -1e-300],
    ['b', 'true', 1, 'false', 0],
    ['bn', 'true', 1, 'false', 0],
    ['d', '2024-03-01', '2024-03-01', '2024-02-29', '2024-02-29'],
    ['ts', '2024-03-01 10:20:30', '2024-03-01 10:20:30', '2024-03-01T10:20:30Z', '2024-03-01T10:20:30Z'],
    ['tm', '10:20', '10:20', '10:20:30.5', '10:20:30.5'],
    [
      'u',
      '123E4567-E89B-12D3-A456-426614174000',
      '123E4567-E89B-12D3-A456-426614174000',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    ],
    ['j', '{"a":  1}', '{"a":  1}', '[]', '[]'],
    ['st', 'new', 'new', 'done', 'done'],
    ['by', '0a0B', Buffer.from([10, 11]), '', null],
    ['anything', 'free text', 'free text', '12', '12'],
    ['iv', '2 hours', '2 hours', '1 day', '1 day'],
    ['ip', '10.1.2.3', '10.1.2.3', '::1', '::1'],
  ],
}

for (const { name: dialect } of dialects) {
  describe(`create, edit and delete a row with every kind on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))
    const table = cases[dialect]
    const row = async (id: number) =>
      fx.connection.db.selectFrom('everything').selectAll().where('id', '=', id).executeTakeFirst()

    it('creates, edits and deletes through the forms, each value written as the kind parsed it', async () => {
      const client = fx.client()
      const blank = readForm((await client.get(`/${fx.s}/everything/new`)).html, '/new')
      let pairs = blank.pairs
      for (const [column, input] of table) pairs = withValue(pairs, `v:${column}`, input)
      const created = await client.post(blank.action, [...pairs, ['_action', 'continue']])
      const editPage = await client.follow(created)
      assert.match(editPage.location, /\/everything\/row\/3\/edit$/)
      assert.match(editPage.html, /Added everything 3\./)
      const stored = await row(3)
      for (const [column, , expected] of table) {
        assert.deepEqual(stored?.[column], expected, `created ${column}`)
      }
      // A generated column is computed, never written.
      assert.equal(stored?.gen, 84)

      let edit = readForm(editPage.html, '/edit').pairs
      for (const [column, , , input] of table) edit = withValue(edit, `v:${column}`, input)
      const saved = await client.post(`/${fx.s}/everything/row/3/edit`, [...edit, ['_action', 'save']])
      const detail = await client.follow(saved)
      assert.match(detail.location, /\/everything\/row\/3$/)
      assert.match(detail.html, /Saved everything 3\./)
      const edited = await row(3)
      for (const [column, , , , expected] of table) assert.deepEqual(edited?.[column], expected, `edited ${column}`)

      const confirm = readForm((await client.get(`/${fx.s}/everything/row/3/delete`)).html, '/delete')
      const deleted = await client.follow(await client.post(confirm.action, confirm.pairs))
      assert.match(deleted.html, /Deleted 1 everything\./)
      assert.equal(await row(3), undefined)
    })

    it('keeps everything typed after a failed validation, with the message next to the field', async () => {
      const client = fx.client()
      const count = async () =>
        Number(
          (
            await fx.connection.db
              .selectFrom('everything')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n,
        )
      const rowsBefore = await count()
      const blank = readForm((await client.get(`/${fx.s}/everything/new`)).html, '/new')
      let pairs = withValue(blank.pairs, 'v:notes', 'keep <me> & this')
      pairs = withValue(pairs, 'v:i', 'abc')
      pairs = withValue(pairs, 'v:j', '{broken')
      const response = await client.post(blank.action, pairs)
      assert.equal(response.status, 422)
      const html = await response.text()
      assert.match(html, /keep &lt;me&gt; &amp; this/)
      assert.match(html, /value="abc"/)
      assert.match(html, /\{broken/)
      assert.match(html, /Enter a whole number\./)
      assert.match(html, /Enter valid JSON/)
      assert.match(html, /aria-invalid="true"/)
      assert.match(html, /Nothing was saved/)
      assert.equal(await count(), rowsBefore)
    })

    it('writes NULL from the NULL box, and refuses a value typed beside a ticked NULL box', async () => {
      const client = fx.client()
      const form = readForm((await client.get(`/${fx.s}/everything/row/1/edit`)).html, '/edit')
      const nulled = await client.post(form.action, [
        ...form.pairs.filter(([n]) => n !== 'v:notes'),
        ['v:notes', ''],
        ['null:notes', '1'],
      ])
      await client.follow(nulled)
      assert.equal((await row(1))?.notes, null)
      const both = await client.post(form.action, [
        ...readForm((await client.get(`/${fx.s}/everything/row/1/edit`)).html, '/edit').pairs.filter(
          ([n]) => n !== 'v:vc',
        ),
        ['v:vc', 'typed'],
        ['null:vc', '1'],
      ])
      assert.equal(both.status, 422)
      assert.match(await both.text(), /untick NULL/)
    })
  })
}
