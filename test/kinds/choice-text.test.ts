import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { choiceText } from '../../src/kinds/choice-text.js'

describe('choiceText', () => {
  const cases: [value: string, choices: string[], shown: string][] = [
    ['in_transit', [], 'In transit'],
    ['pending', [], 'Pending'],
    ['on-hold', [], 'On hold'],
    ['level_2', [], 'Level 2'],
    // Not an identifier: shown as stored.
    ['RMA', [], 'RMA'],
    ['Pending', [], 'Pending'],
    ['A+', [], 'A+'],
    ['two words', [], 'two words'],
    ['', [], ''],
    // Two choices that would read alike keep their stored forms.
    ['in_transit', ['in_transit', 'in-transit'], 'in_transit'],
    ['in_transit', ['in_transit', 'delivered'], 'In transit'],
  ]
  for (const [value, choices, shown] of cases) {
    it(`${JSON.stringify(value)} among ${JSON.stringify(choices)} → ${JSON.stringify(shown)}`, () => {
      assert.equal(choiceText(value, choices), shown)
    })
  }
})
