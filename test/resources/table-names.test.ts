import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countOf, inSentence, tableNames } from '../../src/resources/table-names.js'

describe('tableNames', () => {
  const cases: [string, string | undefined, string | undefined, string, string][] = [
    // table name, label, labelPlural → singular, plural
    ['orders', undefined, undefined, 'Order', 'Orders'],
    ['customer', undefined, undefined, 'Customer', 'Customers'],
    ['order_items', undefined, undefined, 'Order item', 'Order items'],
    ['people', undefined, undefined, 'Person', 'People'],
    ['orders', 'Purchase', undefined, 'Purchase', 'Purchases'],
    ['orders', 'Purchases', undefined, 'Purchase', 'Purchases'],
    ['orders', undefined, 'Purchases', 'Purchase', 'Purchases'],
    ['orders', 'Box', 'Boxen', 'Box', 'Boxen'],
  ]
  for (const [table, label, labelPlural, one, many] of cases) {
    it(`${table} with label ${label ?? '-'} and labelPlural ${labelPlural ?? '-'}: ${one} / ${many}`, () => {
      assert.deepEqual(tableNames(table, label, labelPlural), { singular: one, plural: many })
    })
  }
})

describe('inSentence', () => {
  const cases: [string, string][] = [
    ['Order', 'order'],
    ['Order item', 'order item'],
    ['SKU', 'SKU'],
    ['iPhone model', 'iPhone model'],
    ['McKinsey report', 'McKinsey report'],
  ]
  for (const [name, inside] of cases) it(`${name} → ${inside}`, () => assert.equal(inSentence(name), inside))
})

describe('countOf', () => {
  const names = { singular: 'Order', plural: 'Orders' }
  it('says a count in words, singular for one', () => {
    assert.equal(countOf(names, 1), '1 order')
    assert.equal(countOf(names, 46), '46 orders')
    assert.equal(countOf(names, 1000, true), '1,000+ orders')
    assert.equal(countOf(names, 1, true), '1+ orders')
  })
})
