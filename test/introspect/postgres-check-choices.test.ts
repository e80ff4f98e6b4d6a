import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkChoices, domainCheckChoices } from '../../src/introspect/postgres-check-choices.js'

describe('checkChoices', () => {
  const lists: ReadonlyArray<readonly [string, string, string[] | null]> = [
    ["CHECK ((status = ANY (ARRAY['b'::text, 'a'::text])))", 'status', ['b', 'a']],
    ["CHECK (status = ANY (ARRAY['b'::text, 'a'::text]))", 'status', ['b', 'a']],
    [
      "CHECK (((size)::text = ANY ((ARRAY['S'::character varying, 'M'::character varying])::text[])))",
      'size',
      ['S', 'M'],
    ],
    ["CHECK (((channel = 'web'::text) OR (channel = 'phone'::text)))", 'channel', ['web', 'phone']],
    ["CHECK ((('web'::text = channel) OR (channel = 'web'::text)))", 'channel', ['web']],
    ["CHECK (kind IN ('x', 'y'))", 'kind', ['x', 'y']],
    [`CHECK (("Weird ""quoted"" col" = ANY (ARRAY['it''s'::text])))`, 'Weird "quoted" col', ["it's"]],
    ["CHECK ((note = ANY (ARRAY[E'a\\\\b'::text, 'c'::text])))", 'note', ['a\\b', 'c']],
    ["CHECK ((status = ANY (ARRAY['a'::text]))) NOT VALID", 'status', ['a']],
    ['CHECK ((status = ANY (ARRAY[\'a\'::public."my text"])))', 'status', ['a']],
    // Not choice lists: another column, other operators, AND, numbers, functions.
    ["CHECK ((status = ANY (ARRAY['a'::text])))", 'other', null],
    ['CHECK ((quantity > 0))', 'quantity', null],
    ["CHECK (((status = 'a'::text) AND (status = 'b'::text)))", 'status', null],
    ["CHECK (((status = 'a'::text) OR (kind = 'b'::text)))", 'status', null],
    ['CHECK ((priority = ANY (ARRAY[1, 2, 3])))', 'priority', null],
    ["CHECK ((lower(status) = ANY (ARRAY['a'::text])))", 'status', null],
    ["CHECK (((status = 'a'::text) OR (status IS NULL)))", 'status', null],
    ['CHECK ((seller_id IS DISTINCT FROM buyer_id))', 'seller_id', null],
    ['', 'x', null],
  ]
  for (const [definition, column, expected] of lists) {
    it(`${definition || '(empty)'} on ${column}`, () => assert.deepEqual(checkChoices(definition, column), expected))
  }
})

describe('domainCheckChoices', () => {
  it('reads a list written on VALUE', () => {
    assert.deepEqual(domainCheckChoices("CHECK ((VALUE = ANY (ARRAY['EUR'::bpchar, 'USD'::bpchar])))"), ['EUR', 'USD'])
  })
  it('leaves other domain checks alone', () => {
    assert.equal(domainCheckChoices('CHECK ((VALUE > (0)::numeric))'), null)
    assert.equal(domainCheckChoices(`CHECK (("VALUE" = ANY (ARRAY['a'::text])))`), null)
  })
})
