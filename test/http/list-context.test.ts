import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import { StewardConfig } from '../../src/resources/define-config.js'
import { EditClient, readForm, withValue } from './edit-client.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const autoKey: Record<DialectName, string> = { postgres: 'id serial primary key', sqlite: 'id integer primary key' }

// Orders of two customers: placed_at has ties, total has ties, note has NULLs, so that every ordering needs its
// tie-break and NULL placement to be walked in the list's order.
const setup = (dialect: DialectName) => `
  create table customers (${autoKey[dialect]}, name text not null);
  create table orders (${autoKey[dialect]}, customer_id integer not null references customers (id),
    status text not null, placed_at timestamp not null, shipped_on date, total numeric(10, 2) not null, note text);
  create index orders_placed_at on orders (placed_at);
  insert into customers (name) values ('Ann'), ('Bo'), ('Cy'), ('Di'), ('Ed');
  insert into orders (customer_id, status, placed_at, shipped_on, total, note) values
    (1, 'paid', '2024-01-05 10:00:00', '2024-01-06', 10.00, 'b'),
    (1, 'paid', '2024-03-01 09:00:00', null, 30.00, null),
    (1, 'open', '2024-02-10 12:00:00', null, 20.00, 'a'),
    (1, 'paid', '2024-03-01 09:00:00', '2024-03-02', 30.00, 'c'),
    (1, 'paid', '2024-02-20 08:00:00', '2024-02-21', 5.00, null),
    (1, 'paid', '2024-01-15 16:00:00', null, 30.00, 'a'),
    (1, 'open', '2024-04-01 11:00:00', null, 1.00, null),
    (2, 'paid', '2024-05-01 11:00:00', null, 2.00, 'z');
`

const config: StewardConfig = StewardConfig.parse({
  tables: {
    orders: { pageSize: 25, computed: { shout: { sql: (eb: any) => eb.fn('upper', [eb.ref('status')]) } } },
    customers: { pageSize: 25 },
  },
})
const ids = (html: string, table: string) => [
  ...new Set([...html.matchAll(new RegExp(`/${table}/row/(\\d+)`, 'g'))].map((m) => Number(m[1]))),
]
const unescape = (text: string) => text.replaceAll('&amp;', '&')
const linkOf = (html: string, rel: 'prev' | 'next') => new RegExp(`<a href="([^"]*)" rel="${rel}"`).exec(html)?.[1]
const hrefOf = (html: string, text: string) => {
  const match = new RegExp(`<a href="([^"]*)"[^>]*>\\s*${text}`).exec(html)
  return match ? unescape(match[1]!) : undefined
}

describe('newest first and the list kept through record pages', () => {
  for (const dialect of dialects) {
    describe(`on ${dialect.name}`, () => {
      const fx = suiteFixture(() => openAdminDb(dialect.name, setup(dialect.name)))
      const client = (extra: StewardConfig = {}) =>
        new EditClient(fx.admin({ config: { ...config, ...extra, tables: { ...config.tables, ...extra.tables } } }))
      const list = (query = '') => `/${fx.s}/orders/${query}`

      it('lists newest first by the indexed placed_at, and by the key descending where there is none', async () => {
        const { html } = await client().get(list())
        assert.deepEqual(ids(html, 'orders'), [8, 7, 4, 2, 5, 3, 6, 1], 'placed_at desc, ties by the key desc')
        assert.match(html, /aria-sort="descending"[^>]*>\s*<a href="[^"]*sort=placed_at"/, 'the header shows it')
        const customers = await client().get(`/${fx.s}/customers/`)
        assert.deepEqual(ids(customers.html, 'customers'), [5, 4, 3, 2, 1])
      })

      it('pages a descending default forwards and back by keyset (by the key; by placed_at, then the key)', async () => {
        const paged = client({ tables: { customers: { pageSize: 2 }, orders: { pageSize: 3 } } })
        const first = await paged.get(`/${fx.s}/customers/`)
        assert.deepEqual(ids(first.html, 'customers'), [5, 4])
        const next = hrefOf(first.html, 'Next')!
        assert.match(next, /after=/)
        const second = await paged.get(next)
        assert.deepEqual(ids(second.html, 'customers'), [3, 2])
        const back = await paged.get(hrefOf(second.html, 'Previous')!)
        assert.deepEqual(ids(back.html, 'customers'), [5, 4])
        // A row opened from the second page goes back to that page, cursor and all.
        const row = unescape(new RegExp(`href="([^"]*/customers/row/3[^"]*)"`).exec(second.html)![1]!)
        const detail = await paged.get(row)
        assert.equal(hrefOf(detail.html, 'Back to the list'), next)
        const ordersNext = hrefOf((await paged.get(list())).html, 'Next')!
        assert.match(ordersNext, /after=/)
        const orders2 = await paged.get(ordersNext)
        assert.deepEqual(ids(orders2.html, 'orders'), [2, 5, 3])
        const orders3 = await paged.get(hrefOf(orders2.html, 'Next')!)
        assert.deepEqual(ids(orders3.html, 'orders'), [6, 1])
        const orders1 = await paged.get(hrefOf(orders2.html, 'Previous')!)
        assert.deepEqual(ids(orders1.html, 'orders'), [8, 7, 4])
      })

      it('the first click on a date or time header sorts descending, later clicks toggle; other columns ascending', async () => {
        const header = async (query: string, column: string) =>
          unescape(
            new RegExp(`<th[^>]*>\\s*<a href="([^"]*sort=-?${column})"`).exec(
              (await client().get(list(query))).html,
            )![1]!,
          )
        assert.match(await header('', 'shipped_on'), /sort=-shipped_on$/)
        assert.match(await header('?sort=-shipped_on', 'shipped_on'), /sort=shipped_on$/)
        assert.match(await header('?sort=shipped_on', 'shipped_on'), /sort=-shipped_on$/)
        assert.match(await header('', 'placed_at'), /sort=placed_at$/, 'already newest first by default: toggles')
        assert.match(await header('', 'status'), /sort=status$/)
        assert.match(await header('?sort=status', 'status'), /sort=-status$/)
      })

      it('related panels: newest first, the count, and informative columns besides the key', async () => {
        const { html } = await client().get(`/${fx.s}/customers/row/1`)
        const panel = html.slice(html.indexOf('Related rows'))
        assert.match(panel, /\(7\)/)
        assert.deepEqual(ids(panel, 'orders').slice(0, 5), [7, 4, 2, 5, 3])
        for (const label of ['Status', 'Placed at', 'Shipped on']) assert.ok(panel.includes(`>${label}<`), label)
        assert.ok(!/>Customer</.test(panel), 'not the foreign key back to this row')
      })

      it('row links carry the list; detail, edit, save and cancel return to it as it was', async () => {
        const app = client()
        const query = '?f.status=paid&sort=-total&size=50'
        const page = await app.get(list(query))
        const rowHref = unescape(new RegExp(`href="([^"]*/orders/row/4[^"]*)"`).exec(page.html)![1]!)
        assert.equal(rowHref, `/${fx.s}/orders/row/4?back=${encodeURIComponent('f.status=paid&sort=-total&size=50')}`)
        const detail = await app.get(rowHref)
        assert.equal(hrefOf(detail.html, 'Back to the list'), list(query))
        const edit = await app.get(hrefOf(detail.html, 'Edit')!)
        assert.equal(hrefOf(edit.html, 'Cancel'), rowHref)
        const form = readForm(edit.html, '/edit')
        assert.equal(unescape(form.action), `/${fx.s}/orders/row/4/edit${rowHref.slice(rowHref.indexOf('?'))}`)
        const saved = await app.follow(await app.post(unescape(form.action), withValue(form.pairs, 'v:note', 'edited')))
        assert.equal(saved.location, list(query))
        assert.ok(saved.html.includes('Saved'))
      })

      it('delete keeps the list too: its cancel, and the redirect after deleting', async () => {
        const app = client()
        await fx.test.exec(
          `insert into orders (customer_id, status, placed_at, total) values (5, 'void', '2023-01-01 00:00:00', 0)`,
        )
        const listed = await app.get(list('?f.status=void'))
        const [id] = ids(listed.html, 'orders')
        const back = `?back=${encodeURIComponent('f.status=void')}`
        const detail = await app.get(`/${fx.s}/orders/row/${id}${back}`)
        const page = await app.get(hrefOf(detail.html, 'Delete')!)
        assert.equal(hrefOf(page.html, 'No, go back'), `/${fx.s}/orders/row/${id}${back}`)
        const form = readForm(page.html, '/delete')
        const done = await app.follow(await app.post(unescape(form.action), form.pairs))
        assert.equal(done.location, list('?f.status=void'))
        // A selection deleted from the list: its form's `back` field brings the list back, as the actions' do.
        const selection = readForm((await app.get(list('?f.status=paid&sort=-total'))).html, '/delete')
        assert.ok(selection.pairs.some(([k, v]) => k === 'back' && v === 'f.status=paid&sort=-total'))
        const bulk = await app.post(unescape(selection.action), [...selection.pairs, ['key', '8'], ['confirm', '1']])
        assert.equal(bulk.headers.get('location'), list('?f.status=paid&sort=-total'))
      })

      it('a back that is not this list’s own query string falls back to the plain list', async () => {
        const app = client()
        for (const garbage of [
          'https://evil.example/',
          '//evil.example/x',
          '/admin/other/?f.status=paid',
          'f.status=paid&next=https://evil.example',
          'sort=nope',
          'f.nope=1',
          'size=7',
          'javascript:alert(1)',
          'f.status=paid&f.status=paid&q=' + 'x'.repeat(5000),
        ]) {
          const { html, status } = await app.get(`/${fx.s}/orders/row/4?back=${encodeURIComponent(garbage)}`)
          assert.equal(status, 200, garbage)
          assert.equal(hrefOf(html, 'Back to the list'), list(), garbage)
          assert.ok(!html.includes('evil.example'), garbage)
        }
        // A valid one is written again the list's way, in its order.
        const { html } = await app.get(`/${fx.s}/orders/row/4?back=${encodeURIComponent('sort=-total&f.status=paid')}`)
        assert.equal(hrefOf(html, 'Back to the list'), list('?f.status=paid&sort=-total'))
      })

      it('previous and next walk the filtered, sorted list in its order, and stop at its ends', async () => {
        const app = client()
        for (const query of [
          '',
          '?f.status=paid&sort=-total',
          '?sort=note',
          '?sort=-note',
          '?sort=shipped_on',
          '?q=a',
          '?sort=-shout',
        ]) {
          const expected = ids((await app.get(list(query))).html, 'orders')
          const back = query ? `?back=${encodeURIComponent(query.slice(1))}` : ''
          const walk = async (start: number, rel: 'prev' | 'next') => {
            const seen = [start]
            let href: string | undefined = `/${fx.s}/orders/row/${start}${back}`
            for (;;) {
              const html: string = (await app.get(href)).html
              const link = linkOf(html, rel)
              if (!link) break
              href = unescape(link)
              assert.ok(href.endsWith(back), `${href} keeps the list`)
              seen.push(Number(/\/row\/(\d+)/.exec(href)![1]))
              assert.ok(seen.length <= expected.length, `${query}: no loop (${seen.join(', ')})`)
            }
            return seen
          }
          assert.deepEqual(await walk(expected[0]!, 'next'), expected, `next through ${query || 'the plain list'}`)
          assert.deepEqual(await walk(expected.at(-1)!, 'prev'), [...expected].reverse(), `prev through ${query}`)
        }
      })
    })
  }
})
