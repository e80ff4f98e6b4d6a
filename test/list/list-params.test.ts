import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { formatCount } from '../../src/list/count-rows.js'
import { listQuery, listState } from '../../src/list/list-query-string.js'
import { parseListParams, type ListParams } from '../../src/list/list-params.js'
import { resolveOrdering } from '../../src/list/ordering.js'
import { buildResources } from '../../src/resources/build-resources.js'
import type { Resource } from '../../src/resources/resource.js'
import { openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table events (id integer primary key, code text not null unique, kind text check (kind in ('a', 'b')),
    happened_at datetime not null, score integer, flag boolean, note text);
  create table pairs (x integer not null, y text not null, primary key (x, y));
  create table loose (v text);
  create table moods (id integer primary key, mood text check (mood in ('', 'x', '\\y')));
`

describe('list params and ordering', () => {
  const fx = suiteFixture(() => openAdminDb('sqlite', setup))
  let events: Resource
  let pairs: Resource
  let loose: Resource
  let moods: Resource
  before(() => {
    // The key's order, as these cases were written for (lists now go newest first by default: see default-ordering).
    const resources = buildResources(fx.schema, { tables: { events: { ordering: [] } } }, { defaultSchema: 'main' })
    const byName = (name: string) => resources.find((r) => r.table.name === name)!
    ;[events, pairs, loose, moods] = [byName('events'), byName('pairs'), byName('loose'), byName('moods')]
  })

  const parse = (resource: Resource, query: string) => parseListParams(new URLSearchParams(query), resource, 'sqlite')
  const ok = (resource: Resource, query: string): ListParams => {
    const result = parse(resource, query)
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
    return result.params
  }

  it('reads a filter on the choice that is the empty text, sent escaped as the filter form does', () => {
    const values = (query: string) => ok(moods, query).filters.map((f) => f.values)
    assert.deepEqual(values('f.mood=%5C'), [['']])
    assert.deepEqual(values('f.mood=x'), [['x']])
    assert.deepEqual(values('f.mood=%5C%5Cy'), [['\\y']])
    assert.deepEqual(values('f.mood='), [], 'the empty value is no filter')
  })

  it('reads sort, size, search and filters into typed values', () => {
    const params = ok(
      events,
      'q=%20hi%20&sort=-score&size=25&f.kind=a&f.kind=b&f.score.gte=3&f.flag=true&f.note.null=1',
    )
    assert.equal(params.q, 'hi')
    assert.deepEqual(params.sort, { column: 'score', desc: true })
    assert.equal(params.size, 25)
    assert.deepEqual(
      params.filters.map((f) => [f.column, f.op, f.values]),
      [
        ['kind', 'eq', ['a', 'b']],
        ['score', 'gte', [3]],
        ['flag', 'eq', [1]],
        ['note', 'null', [true]],
      ],
    )
  })

  it('ignores empty form fields', () => {
    assert.deepEqual(ok(events, 'f.kind=&f.score.gte=&page=&q=').filters, [])
  })

  it('rejects, all at once, what the table or the kind does not allow', () => {
    const result = parse(events, 'sort=nope&size=7&page=-1&f.kind=c&f.code.gte=a&f.id.null=1&f.score=x&other=1&q=a&q=b')
    assert.ok(!result.ok)
    const text = result.problems.join('\n')
    for (const expected of [
      '"sort": unknown column "nope"',
      '"size"',
      '"page"',
      'f.kind',
      'f.code.gte',
      'f.id.null',
      'f.score',
      'unknown parameter "other"',
      '"q" is given more than once',
    ]) {
      assert.ok(text.includes(expected), `${expected} in\n${text}`)
    }
  })

  it('accepts whole days for timestamp ranges and normalises datetime-local input', () => {
    const params = ok(events, 'f.happened_at.gte=2024-01-01&f.happened_at.lte=2024-01-31T10:00')
    assert.deepEqual(
      params.filters.map((f) => f.values[0]),
      ['2024-01-01', '2024-01-31 10:00:00'],
    )
  })

  it('pages by position on the key or a unique NOT NULL column, by OFFSET otherwise; the key is always last', () => {
    assert.deepEqual(resolveOrdering(events, null), { terms: [{ column: 'id', desc: false }], keyset: true })
    assert.equal(resolveOrdering(events, { column: 'code', desc: true }).keyset, true)
    assert.deepEqual(resolveOrdering(events, { column: 'score', desc: true }), {
      terms: [
        { column: 'score', desc: true },
        { column: 'id', desc: false },
      ],
      keyset: false,
    })
    assert.equal(resolveOrdering(pairs, null).keyset, true)
    assert.deepEqual(
      resolveOrdering(pairs, null).terms.map((t) => t.column),
      ['x', 'y'],
    )
    assert.equal(resolveOrdering(pairs, { column: 'y', desc: false }).keyset, false)
    assert.deepEqual(
      resolveOrdering(loose, null).terms.map((t) => t.column),
      ['rowid'],
    )
  })

  it('a cursor must fit the ordering', () => {
    assert.deepEqual(ok(pairs, 'after=3,b').after, [3, 'b'])
    assert.ok(!parse(pairs, 'after=3').ok)
    assert.ok(!parse(events, 'sort=score&after=3').ok)
    assert.ok(!parse(events, 'after=x').ok, 'not an integer key')
  })

  it('rebuilds the same query string from the parsed state', () => {
    const params = ok(events, 'f.kind=a&q=x&sort=-score&size=100')
    assert.deepEqual(listQuery(listState(events, params), { page: 2 }), [
      ['f.kind', 'a'],
      ['q', 'x'],
      ['sort', '-score'],
      ['size', '100'],
      ['page', '2'],
    ])
  })

  it('formats counts the same on every machine', () => {
    assert.equal(formatCount({ value: 1234, precision: 'exact' }), '1,234')
    assert.equal(formatCount({ value: 10_000, precision: 'at-least' }), '10,000+')
    assert.equal(formatCount({ value: 1_234_567, precision: 'estimate' }), '~1.2M')
    assert.equal(formatCount({ value: 45_600, precision: 'estimate' }), '~45.6k')
  })
})
