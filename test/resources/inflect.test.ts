import assert from 'node:assert/strict'
import { test } from 'node:test'
import { plural, singular } from '../../src/resources/inflect.js'

const pairs: readonly (readonly [one: string, many: string])[] = [
  ['Order', 'Orders'],
  ['Order item', 'Order items'],
  ['Category', 'Categories'],
  ['Key', 'Keys'],
  ['Address', 'Addresses'],
  ['Box', 'Boxes'],
  ['Batch', 'Batches'],
  ['Status', 'Statuses'],
  ['Person', 'People'],
  ['Child', 'Children'],
  ['Analysis', 'Analyses'],
  ['Movie', 'Movies'],
  ['Cookie', 'Cookies'],
  ['Cache', 'Caches'],
  ['Hero', 'Heroes'],
  ['Photo', 'Photos'],
  ['Invoice', 'Invoices'],
  ['Leaf', 'Leaves'],
  ['Series', 'Series'],
  ['Data', 'Data'],
  ['Settings', 'Settings'],
  ['Media', 'Media'],
  ['playlist track', 'playlist tracks'],
  ['ORDER', 'ORDERS'],
]

test('singular and plural of table names, either way round', () => {
  for (const [one, many] of pairs) {
    assert.equal(singular(many), one, `singular(${many})`)
    assert.equal(plural(one), many, `plural(${one})`)
  }
})

test('a word already in the wanted form is kept, so a config label can be given either way', () => {
  for (const [one, many] of pairs) {
    assert.equal(singular(one), one, `singular(${one})`)
    assert.equal(plural(many), many, `plural(${many})`)
  }
})

test('names it cannot read as English are left alone', () => {
  assert.equal(singular('Bestellungen 2024'), 'Bestellungen 2024')
  assert.equal(singular('Заказы'), 'Заказы')
  assert.equal(plural(''), '')
})
