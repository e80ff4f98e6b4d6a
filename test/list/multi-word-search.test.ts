import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { searchWords } from '../../src/list/search-words.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table makers (id integer primary key, name text not null);
  insert into makers values (1, 'Bamboo Works'), (2, 'Iron & Co');
  create table products (id integer primary key, name text not null, note text, maker_id integer references makers(id));
  insert into products values
    (1, 'Bamboo griddle', 'large', 2),
    (2, 'Griddle of bamboo', null, 2),
    (3, 'Iron griddle', 'bamboo handle', 2),
    (4, 'Bamboo spoon', 'fits a griddle', 1),
    (5, 'Iron pan', null, 1),
    (6, 'Griddle bamboo-free', null, 2),
    (7, '100% bamboo', 'griddle_set', 2);
`

function idsOf(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'))
  // Which rows match is the point, not their order (lists go newest first by default): in key order.
  return [...new Set([...body.matchAll(/href="[^"]*\/products\/row\/(\d+)[?"]/g)].map((m) => m[1]!))].sort(
    (a, b) => Number(a) - Number(b),
  )
}

describe('searchWords', () => {
  for (const [q, words] of [
    ['bamboo griddle', ['bamboo', 'griddle']],
    ['  griddle   bamboo ', ['griddle', 'bamboo']],
    ['"bamboo griddle" iron', ['bamboo griddle', 'iron']],
    ['""', []],
    ['"open quote', ['"open', 'quote']],
  ] as const) {
    it(`splits ${JSON.stringify(q)}`, () => assert.deepEqual(searchWords(q), words))
  }
})

for (const dialect of dialects) {
  describe(`multi-word list search on ${dialect.name}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect.name, setup))
    const search = async (q: string, searchFields = ['name', 'note']) => {
      const admin = fx.admin({ config: { tables: { products: { searchFields } } } })
      const res = await admin.request(`/${fx.s}/products/?q=${encodeURIComponent(q)}`)
      assert.equal(res.status, 200)
      return idsOf(await res.text())
    }

    for (const [q, expected, searchFields] of [
      ['bamboo griddle', ['1', '2', '3', '4', '6', '7'], undefined],
      ['griddle bamboo', ['1', '2', '3', '4', '6', '7'], undefined],
      ['GRIDDLE   Bamboo', ['1', '2', '3', '4', '6', '7'], undefined],
      ['"bamboo griddle"', ['1'], undefined],
      ['"griddle bamboo"', ['6'], undefined],
      ['iron handle', ['3'], undefined],
      ['spoon fits', ['4'], undefined],
      ['spoon fits', [], ['name']],
      ['100% griddle_', ['7'], undefined],
      ['bamboo_griddle', [], undefined],
      ['iron bamboo', ['1', '2', '5', '6', '7'], ['name', 'maker_id.name']],
      ['works spoon', ['4'], ['name', 'maker_id.name']],
      ['works griddle', [], ['name', 'maker_id.name']],
    ] as const) {
      it(`"${q}" over ${(searchFields ?? ['name', 'note']).join(', ')} finds ${expected.join(', ') || 'nothing'}`, async () => {
        assert.deepEqual(await search(q, searchFields ? [...searchFields] : undefined), expected)
      })
    }

    it('still finds a row by its exact key', async () => {
      assert.deepEqual(await search('5', ['name']), ['5'])
    })

    it('refuses more than 10 words with a readable 400', async () => {
      const admin = fx.admin({ config: { tables: { products: { searchFields: ['name'] } } } })
      const words = Array.from({ length: 11 }, (_, i) => `w${i}`).join(' ')
      const res = await admin.request(`/${fx.s}/products/?q=${encodeURIComponent(words)}`)
      assert.equal(res.status, 400)
      assert.match(await res.text(), /at most 10 words; put a phrase in quotes/)
      const ten = await admin.request(`/${fx.s}/products/?q=${encodeURIComponent('"' + words + '"')}`)
      assert.equal(ten.status, 200)
    })
  })
}
