import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient } from './edit-client.js'

const types: Record<DialectName, { day: string; at: string }> = {
  postgres: { day: 'date', at: 'timestamp' },
  sqlite: { day: 'date', at: 'datetime' },
}
const setup = (dialect: DialectName) => `
  create table visit (id integer primary key, day ${types[dialect].day}, at ${types[dialect].at});
  insert into visit (id, day, at) values
    (1, '2024-03-15', '2024-03-15 08:00:00'),
    (2, '2024-03-10', '2024-03-10 23:30:00'),
    (3, '2024-03-31', '2024-03-31 10:00:00'),
    (4, '2024-02-29', '2024-02-29 23:59:59'),
    (5, '2024-03-08', '2024-03-08 00:00:00'),
    (6, '2024-01-31', '2024-01-31 12:00:00');
`

/** The fixed moment "now" is (a Friday in March 2024, noon UTC) and the rows each preset finds, by either column. */
const now = Date.parse('2024-03-15T12:00:00Z')
const expected: [preset: string, range: string, ids: number[]][] = [
  ['Today', 'gte=2024-03-15 lte=2024-03-15', [1]],
  ['Past 7 days', 'gte=2024-03-09 lte=2024-03-15', [1, 2]],
  ['This month', 'gte=2024-03-01 lte=2024-03-31', [1, 2, 3, 5]],
  ['Last month', 'gte=2024-02-01 lte=2024-02-29', [4]],
  ['Any date', '', [1, 2, 3, 4, 5, 6]],
]

const decode = (href: string) => href.replace(/&amp;/g, '&')

for (const { name: dialect } of dialects) {
  describe(`date filter presets on ${dialect}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect, setup(dialect)))
    const client = () =>
      new EditClient(
        fx.admin({ secret: 'test', clock: () => now, config: { tables: { visit: { filters: ['day', 'at'] } } } }),
      )
    const presetsOf = (html: string, column: string) => {
      const list = new RegExp(`<ul aria-label="${column}: quick ranges[^"]*"[^>]*>([\\s\\S]*?)</ul>`).exec(html)
      assert.ok(list, `presets for ${column}`)
      return [...list[1]!.matchAll(/<a href="([^"]*)"([^>]*)>([^<]*)<\/a>/g)].map((m) => ({
        href: decode(m[1]!),
        current: /aria-current="true"/.test(m[2]!),
        label: m[3]!,
      }))
    }
    const idsOf = (html: string) =>
      [...new Set([...html.matchAll(/\/visit\/row\/(\d+)[?"]/g)].map((m) => Number(m[1])))].sort((a, b) => a - b)

    for (const column of ['day', 'at'])
      it(`the presets of ${column} set its range in UTC days and find the rows of it`, async () => {
        const c = client()
        const start = await c.get(`/${fx.s}/visit`)
        const presets = presetsOf(start.html, column.charAt(0).toUpperCase() + column.slice(1))
        assert.deepEqual(
          presets.map((p) => p.label),
          expected.map(([label]) => label),
        )
        assert.deepEqual(
          presets.filter((p) => p.current).map((p) => p.label),
          ['Any date'],
        )
        for (const [label, range, ids] of expected) {
          const preset = presets.find((p) => p.label === label)!
          const query = new URLSearchParams(preset.href.split('?')[1] ?? '')
          const shown = [...query].map(([k, v]) => `${k.replace(`f.${column}.`, '')}=${v}`).join(' ')
          assert.equal(shown, range, label)
          const page = await c.get(preset.href)
          assert.equal(page.status, 200)
          assert.deepEqual(idsOf(page.html), ids, label)
          const marked = presetsOf(page.html, column.charAt(0).toUpperCase() + column.slice(1))
          assert.deepEqual(
            marked.filter((p) => p.current).map((p) => p.label),
            [label],
          )
        }
      })

    it('keeps the other filters, search and sort, and replaces only its own range', async () => {
      const c = client()
      const page = await c.get(`/${fx.s}/visit?f.at.gte=2024-03-10&f.day.gte=2000-01-01&sort=-day`)
      const today = presetsOf(page.html, 'Day').find((p) => p.label === 'Today')!
      assert.deepEqual(
        [...new URLSearchParams(today.href.split('?')[1])],
        [
          ['f.at.gte', '2024-03-10'],
          ['f.day.gte', '2024-03-15'],
          ['f.day.lte', '2024-03-15'],
          ['sort', '-day'],
        ],
      )
    })
  })
}
