import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DialectName } from '../../src/introspect/metadata.js'
import { encodeRecordKey } from '../../src/records/record-key.js'
import { dialects, type TestDb } from '../helpers/test-db.js'
import { awkwardKeys, createBrowseFixture, type BrowseFixture } from './browse-fixture.js'

type Expect = string | RegExp

interface Case {
  readonly name: string
  readonly path: (s: string) => string
  readonly status: number
  readonly contains?: readonly Expect[]
  readonly excludes?: readonly Expect[]
  /** Strings that must appear in this order. */
  readonly order?: readonly string[]
}

const cell = (text: string) => new RegExp(`>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`)

const cases: readonly Case[] = [
  {
    name: 'index lists tables and views with counts, views and key-less tables read-only',
    path: () => '/',
    status: 200,
    contains: ['Customers', 'Active customers', 'Log lines', /1,000/, 'read-only', '<h1'],
  },
  {
    name: 'list shows NULL apart from the empty string, booleans, exact bigints',
    path: (s) => `/${s}/customers/`,
    status: 200,
    contains: ['Alice Żak', '>NULL<', '(empty)', '9007199254740993', '✓ true', '✗ false'],
  },
  {
    name: 'sort descending',
    path: (s) => `/${s}/customers/?sort=-name`,
    status: 200,
    contains: ['aria-sort="descending"'],
    order: ['>bob<', '>Carol<', '>Alice Żak<'],
  },
  {
    name: 'sort ascending',
    path: (s) => `/${s}/customers/?sort=name`,
    status: 200,
    order: ['>Alice Żak<', '>Carol<', '>bob<'],
  },
  {
    name: 'search is case-insensitive',
    path: (s) => `/${s}/customers/?q=ALICE`,
    status: 200,
    contains: ['Alice Żak'],
    excludes: ['carol@example.com', 'bob@example.com'],
  },
  {
    name: 'search for a key value finds that row',
    path: (s) => `/${s}/customers/?q=3`,
    status: 200,
    contains: ['carol@example.com'],
    excludes: ['alice@example.com', 'bob@example.com'],
  },
  {
    name: 'search treats % and _ literally',
    path: (s) => `/${s}/customers/?q=%25`,
    status: 200,
    excludes: ['alice@example.com', 'bob@example.com', 'carol@example.com'],
  },
  {
    name: 'boolean filter',
    path: (s) => `/${s}/customers/?f.active=false`,
    status: 200,
    contains: ['bob@example.com', 'Active = false'],
    excludes: ['alice@example.com'],
  },
  {
    name: 'choice filter with several values',
    path: (s) => `/${s}/customers/?f.tier=pro&f.tier=team`,
    status: 200,
    contains: ['alice@example.com', 'carol@example.com'],
    excludes: ['bob@example.com'],
  },
  {
    name: 'null filter',
    path: (s) => `/${s}/customers/?f.notes.null=1`,
    status: 200,
    contains: ['bob@example.com', 'Notes is empty'],
    excludes: ['alice@example.com', 'carol@example.com'],
  },
  {
    name: 'foreign key filter shows the label',
    path: (s) => `/${s}/orders/?f.customer_id=2`,
    status: 200,
    contains: [cell('5.67'), 'Customer = bob'],
    excludes: [cell('12.34'), cell('99.99')],
  },
  {
    name: 'date range filter takes whole days',
    path: (s) => `/${s}/orders/?f.placed_at.gte=2024-02-01&f.placed_at.lte=2024-02-28`,
    status: 200,
    contains: [cell('5.67'), cell('99.99')],
    excludes: [cell('12.34'), cell('7.25')],
  },
  {
    name: 'foreign keys show the label and link to the target',
    path: (s) => `/${s}/orders/`,
    status: 200,
    contains: ['/customers/row/1"', 'Alice Żak'],
  },
  {
    name: 'page size',
    path: (s) => `/${s}/numbers/?size=25`,
    status: 200,
    contains: [cell('n25'), 'after=25'],
    excludes: [cell('n26')],
  },
  {
    name: 'keyset page deep in the table',
    path: (s) => `/${s}/numbers/?size=25&after=500`,
    status: 200,
    contains: [cell('n501'), cell('n525'), 'after=525', 'before=501'],
    excludes: [cell('n500'), cell('n526')],
  },
  {
    name: 'keyset page backwards',
    path: (s) => `/${s}/numbers/?size=25&before=501`,
    status: 200,
    contains: [cell('n476'), cell('n500')],
    excludes: [cell('n475'), cell('n501')],
  },
  {
    name: 'keyset descending on the key',
    path: (s) => `/${s}/numbers/?size=25&sort=-n&after=500`,
    status: 200,
    contains: [cell('n499'), cell('n475')],
    excludes: [cell('n500'), cell('n474')],
  },
  {
    name: 'a numbered page on a keyset ordering is honoured',
    path: (s) => `/${s}/numbers/?size=25&page=3`,
    status: 200,
    contains: [cell('n51'), cell('n75'), 'after=75', 'before=51'],
    excludes: [cell('n50'), cell('n76')],
  },
  {
    name: 'a search that cannot match any column finds nothing',
    path: (s) => `/${s}/orders/?q=alice`,
    status: 200,
    contains: ['No rows match.'],
    excludes: [cell('12.34')],
  },
  {
    name: 'offset pages on a non-unique sort',
    path: (s) => `/${s}/numbers/?sort=label&page=2&size=25`,
    status: 200,
    contains: ['Page 2 of 40', 'Rows 26–50 of 1,000'],
  },
  {
    name: 'bad parameters give a 400 page naming each problem',
    path: (s) => `/${s}/customers/?sort=nope&size=7&f.nope=1&page=0&f.name.gte=a&f.id=abc&zzz=1`,
    status: 400,
    contains: [
      'unknown column &quot;nope&quot;',
      '&quot;size&quot;',
      'f.nope',
      '&quot;page&quot;',
      'f.name.gte',
      'f.id',
      'zzz',
    ],
  },
  {
    name: 'a page past the end counts the rows instead of guessing',
    path: (s) => `/${s}/numbers/?sort=label&page=99&size=25`,
    status: 200,
    contains: ['1,000 rows', 'No rows match.'],
  },
  { name: 'a cursor on an offset ordering is a 400', path: (s) => `/${s}/numbers/?sort=label&after=5`, status: 400 },
  {
    name: 'unknown table is a 404 page',
    path: (s) => `/${s}/nope/`,
    status: 404,
    contains: ['There is no table or view'],
  },
  { name: 'unknown row is a 404 page', path: (s) => `/${s}/customers/row/999`, status: 404 },
  {
    name: 'a key of the wrong type is a 404, not a database error',
    path: (s) => `/${s}/customers/row/abc`,
    status: 404,
  },
  {
    name: 'a view is listed, read-only',
    path: (s) => `/${s}/active_customers/`,
    status: 200,
    contains: ['Alice Żak', 'read-only', 'it is a view'],
    excludes: ['bob@example.com'],
  },
  {
    name: 'a key-less table is listed, duplicates too',
    path: (s) => `/${s}/log_lines/`,
    status: 200,
    contains: ['it has no primary key', ' of 3', '>started<', '>stopped<'],
  },
  {
    name: 'a broken view shows a readable error on its own page',
    path: (s) => `/${s}/broken/`,
    status: 500,
    contains: ['could not read this view'],
    excludes: ['no such table', 'division by zero', 'SqliteError', 'int8.c'],
  },
  {
    name: 'detail page: labelled fields, FK panel with a capped count linking to the filtered child list',
    path: (s) => `/${s}/customers/row/1`,
    status: 200,
    contains: ['Alice Żak', 'Related rows', 'Orders', '(2)', '?f.customer_id=1', '9007199254740993'],
  },
  {
    name: 'detail page links a foreign key to its target',
    path: (s) => `/${s}/orders/row/2`,
    status: 200,
    contains: ['>bob<', '/customers/row/2"'],
  },
  {
    name: 'multi-column foreign keys: the parent panel filters on every column',
    path: (s) => `/${s}/translations/row/en,a%2Fb`,
    status: 200,
    contains: ['Translation notes', 'note on slash', 'f.lang=en&amp;f.key=a%2Fb'],
  },
]

/** SQLite tells two identical key-less rows apart by rowid; Postgres can only match them on their values. */
const flagsIdenticalRows: Record<DialectName, boolean> = { postgres: true, sqlite: false }

for (const dialect of dialects) {
  describe(`browse pages on ${dialect.name}`, () => {
    let testDb: TestDb
    let fx: BrowseFixture
    let app: ReturnType<BrowseFixture['admin']>
    before(async () => {
      testDb = await dialect.create()
      fx = await createBrowseFixture(testDb)
      app = fx.admin()
    })
    after(async () => {
      await fx?.close()
      await testDb?.drop()
    })

    for (const c of cases) {
      it(c.name, async () => {
        const res = await app.request(c.path(fx.s))
        const html = await res.text()
        assert.equal(
          res.status,
          c.status,
          html
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .slice(0, 600),
        )
        for (const expected of c.contains ?? []) {
          if (typeof expected === 'string') assert.ok(html.includes(expected), `expected ${expected}`)
          else assert.match(html, expected)
        }
        for (const unexpected of c.excludes ?? []) {
          if (typeof unexpected === 'string') assert.ok(!html.includes(unexpected), `did not expect ${unexpected}`)
          else assert.doesNotMatch(html, unexpected)
        }
        const positions = (c.order ?? []).map((text) => html.indexOf(text))
        assert.ok(
          positions.every((p) => p >= 0),
          `all of ${c.order} present`,
        )
        assert.deepEqual(
          positions,
          [...positions].sort((a, b) => a - b),
          `in the order ${c.order}`,
        )
      })
    }

    it('every awkward composite key round-trips through its URL to the detail page', async () => {
      for (const [i, [lang, key]] of awkwardKeys.entries()) {
        const res = await app.request(`/${fx.s}/translations/row/${encodeRecordKey([lang, key])}`)
        const html = await res.text()
        assert.equal(res.status, 200, `${lang} / ${key}`)
        assert.ok(html.includes(`body ${i}`), `${lang} / ${key} shows its own row`)
      }
    })

    it('Next links page through awkward composite keys without repeating or losing a row', async () => {
      const paged = fx.admin({ tables: { translations: { pageSize: 3 } } })
      const seen: string[] = []
      let path: string | undefined = `/${fx.s}/translations/`
      while (path && seen.length < 20) {
        const html = await (await paged.request(path)).text()
        seen.push(...[...html.matchAll(/<a href="([^"]*\/translations\/row\/[^"]*)">/g)].map((m) => m[1]!))
        path = /<a href="([^"]*)" rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
      }
      assert.equal(seen.length, awkwardKeys.length)
      assert.equal(new Set(seen).size, awkwardKeys.length)
    })

    it('list links to each composite-key row open that row', async () => {
      const html = await (await app.request(`/${fx.s}/translations/?size=25`)).text()
      const links = [...html.matchAll(/href="([^"]*\/translations\/row\/[^"]*)"/g)].map((m) =>
        m[1]!.replaceAll('&amp;', '&'),
      )
      assert.equal(new Set(links).size, awkwardKeys.length)
      for (const link of new Set(links)) assert.equal((await app.request(link)).status, 200, link)
    })

    it('a key-less row opens by its values; identical rows are flagged', async () => {
      const html = await (await app.request(`/${fx.s}/log_lines/`)).text()
      const link = html.match(/href="([^"]*\/log_lines\/row\/[^"]*)"/)?.[1]?.replaceAll('&amp;', '&')
      assert.ok(link)
      const detail = await app.request(link)
      assert.equal(detail.status, 200)
      const text = await detail.text()
      assert.ok(text.includes('started'))
      assert.equal(text.includes('More than one row has exactly these values'), flagsIdenticalRows[dialect.name])
    })

    it('the number of queries for a list page does not grow with its rows', async () => {
      const count = async (size: number) => {
        fx.counter.count = 0
        const res = await app.request(`/${fx.s}/orders/?size=${size}`)
        assert.equal(res.status, 200)
        return fx.counter.count
      }
      const small = await count(25)
      const big = await count(200)
      assert.equal(big, small)
      assert.ok(small <= 6, `${small} queries`)
    })

    it('other pages keep working after a broken view failed', async () => {
      assert.equal((await app.request(`/${fx.s}/broken/`)).status, 500)
      assert.equal((await app.request('/')).status, 200)
      assert.equal((await app.request(`/${fx.s}/customers/`)).status, 200)
    })

    it('a decimal range filter accepts fractions in the browser; an integer one whole numbers', async () => {
      const configured = fx.admin({ tables: { orders: { filters: ['id', 'total'] } } })
      const html = await (await configured.request(`/${fx.s}/orders/`)).text()
      assert.match(html, /name="f\.total\.gte"[^>]*step="any"/)
      assert.match(html, /name="f\.total\.lte"[^>]*step="any"/)
      assert.match(html, /name="f\.id\.gte"/)
      assert.doesNotMatch(html, /name="f\.id\.gte"[^>]*step=/)
    })

    it('config overrides: list columns, labels, hidden fields, page size', async () => {
      const configured = fx.admin({
        tables: {
          customers: {
            listColumns: ['name', 'tier'],
            labels: { name: 'Full name' },
            hiddenFields: ['email'],
            pageSize: 2,
          },
        },
      })
      const html = await (await configured.request(`/${fx.s}/customers/`)).text()
      assert.ok(html.includes('Full name'))
      assert.ok(!html.includes('alice@example.com'))
      assert.ok(html.includes('Showing 2 of 3 rows'))
      assert.equal((await configured.request(`/${fx.s}/customers/?f.email=x`)).status, 400)
    })
  })
}
