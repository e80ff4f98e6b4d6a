import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { adviseIndexes } from '../../src/list/index-advice.js'
import { parseListParams } from '../../src/list/list-params.js'
import { loadListPage } from '../../src/list/load-list-page.js'
import { buildResources } from '../../src/resources/build-resources.js'
import { StewardConfig } from '../../src/resources/define-config.js'
import { indexResources } from '../../src/resources/resource-index.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { ordersConfig, ordersSetup } from './computed-fixture.js'

const expected = {
  ascending: [['2', '4', '6'], ['1', '5', '7'], ['3']],
  descending: [['3', '7', '5'], ['1', '4', '6'], ['2']],
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '').trim()
}

/** The first cell of each body row: the order's id (its own link). */
function idsOf(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'))
  return [...body.matchAll(/<tr[^>]*>[\s\S]*?<a [^>]*href="[^"]*\/orders\/row\/(\d+)[?"]/g)].map((m) => m[1]!)
}

for (const dialect of dialects) {
  describe(`computed list columns on ${dialect.name}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect.name, ordersSetup))
    const admin = () => fx.admin({ config: ordersConfig })
    const get = async (path: string) => {
      const res = await admin().request(`/${fx.s}/orders/${path}`)
      return { status: res.status, html: await res.text() }
    }

    it('lists computed columns after the table columns, with their labels and values', async () => {
      const { status, html } = await get('')
      assert.equal(status, 200)
      const headers = [...html.matchAll(/<th[^>]*>[\s\S]*?<\/th>/g)].map((m) => textOf(m[0]).replace(/[↕▲▼]/g, ''))
      assert.deepEqual(headers.slice(-5), ['Id', 'Status', 'Placed', 'Items', 'Shout'])
      assert.match(html, /href="[^"]*\?sort=items"/, 'the Items header sorts')
      const first = html.slice(html.indexOf('<tbody'), html.indexOf('</tr>', html.indexOf('<tbody')))
      const cells = [...first.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!))
      assert.deepEqual(cells.slice(-5), ['1', 'new', '2024-01-05', '2', 'NEW'])
    })

    for (const [direction, sort] of [
      ['ascending', 'items'],
      ['descending', '-items'],
    ] as const) {
      it(`sorts by a computed column ${direction}, page by page (OFFSET)`, async () => {
        const pages: string[][] = []
        for (let page = 1; page <= 3; page++) {
          const { status, html } = await get(`?sort=${sort}${page > 1 ? `&page=${page}` : ''}`)
          assert.equal(status, 200)
          pages.push(idsOf(html))
        }
        assert.deepEqual(pages, expected[direction])

        // The same through the data layer: no cursor, the page number goes on.
        const resource = indexResources(
          buildResources(fx.schema, StewardConfig.parse(ordersConfig), { defaultSchema: fx.s }),
        ).get(fx.s, 'orders')!
        const parsed = parseListParams(new URLSearchParams(`sort=${sort}&page=2`), resource, dialect.name)
        assert.ok(parsed.ok)
        const ctx = {
          dialect: fx.connection.dialect,
          resources: indexResources([resource]),
          statementTimeoutMs: 5_000,
          user: null,
        }
        const page = await loadListPage(fx.connection.db, resource, parsed.params, ctx)
        assert.equal(page.ordering.keyset, false)
        assert.deepEqual(
          page.rows.map((row) => String(row.id)),
          expected[direction][1],
        )
        assert.deepEqual(
          page.rows.map((row) => Number(row.items)),
          page.rows.map((row) => ({ 1: 2, 2: 0, 3: 5, 4: 1, 5: 3, 6: 1, 7: 4 })[Number(row.id) as 1]),
        )
      })
    }

    it('refuses a cursor on a computed sort, and unknown names, before any SQL', async () => {
      assert.equal((await get('?sort=items&after=3')).status, 400)
      assert.equal((await get('?sort=nope')).status, 400)
      assert.equal((await get('?f.nope=1')).status, 400)
      assert.equal((await get('?f.items.gte=1')).status, 400)
    })

    it('filters by a computed value, offering its distinct values as choices', async () => {
      const { html } = await get('')
      const select = /<select[^>]*name="f\.items"[^>]*>([\s\S]*?)<\/select>/.exec(html)
      assert.ok(select, 'a drop-down for Items')
      const options = [...select[1]!.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1])
      assert.deepEqual(options, ['', '0', '1', '2', '3', '4', '5'])
      assert.deepEqual(idsOf((await get('?f.items=1')).html), ['4', '6'])
      assert.deepEqual(idsOf((await get('?f.items=1&f.items=5')).html), ['3', '4', '6'])
      assert.deepEqual(idsOf((await get('?f.shout=SENT')).html), ['5', '6'])
      assert.deepEqual(idsOf((await get('?f.items=zero')).html), [])
    })

    it('counts a list filtered by a computed value (page 2)', async () => {
      const { html } = await get('?f.shout=NEW&f.shout=PAID&page=2')
      assert.deepEqual(idsOf(html), ['4', '7'])
      assert.match(html, /Showing 2 of 5 rows/, 'counted with the computed condition')
    })

    it('orders by a computed column named in the configured ordering', async () => {
      const admin = fx.admin({
        config: { tables: { orders: { ...ordersConfig.tables!.orders, ordering: ['-items'] } } },
      })
      const html = await (await admin.request(`/${fx.s}/orders/?page=2`)).text()
      assert.deepEqual(idsOf(html), expected.descending[1])
    })

    it('exports computed columns in the CSV, in the list order', async () => {
      const res = await admin().request(`/${fx.s}/orders/export.csv?sort=-items&f.status=new`)
      assert.equal(res.status, 200)
      const lines = (await res.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
      assert.deepEqual(lines, [
        'id,status,placed,items,shout',
        '7,new,2024-01-04,4,NEW',
        '1,new,2024-01-05,2,NEW',
        '2,new,2024-01-02,0,NEW',
      ])
    })

    it('shows computed values on the detail page', async () => {
      const res = await admin().request(`/${fx.s}/orders/row/3`)
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.match(html, />Items<[\s\S]*?>5</)
      assert.match(html, />Shout<[\s\S]*?>PAID</)
    })

    it('places computed columns where listColumns names them', async () => {
      const config = StewardConfig.parse({
        tables: { orders: { ...ordersConfig.tables!.orders, listColumns: ['id', 'items', 'status'] } },
      })
      const resource = indexResources(buildResources(fx.schema, config, { defaultSchema: fx.s })).get(fx.s, 'orders')!
      assert.deepEqual(resource.listColumns, ['id', 'items', 'status', 'shout'])
    })

    it('gives no index advice on a computed filter or ordering (it is no column)', async () => {
      const { db, dialect: engine } = fx.connection
      const config = StewardConfig.parse({
        tables: { orders: { ...ordersConfig.tables!.orders, ordering: ['-items'] } },
      })
      const resources = buildResources(fx.schema, config, { defaultSchema: fx.s })
      const kinds = await engine.indexAdvisor.readIndexKinds(db)
      const tables = adviseIndexes(resources, { advisor: engine.indexAdvisor, kinds, rows: new Map(), minRows: 0 })
      const orders = tables.find((t) => t.resource.table.name === 'orders')
      assert.deepEqual(
        orders?.advice.filter((a) => a.columns.some((c) => c === 'items' || c === 'shout')),
        [],
      )
      assert.ok(
        orders?.advice.some((a) => a.purpose === 'filter' && a.columns[0] === 'status'),
        'a real filter still is',
      )
    })

    it("a scoped table's computed columns, choices and detail read only the rows in scope", async () => {
      const scoped = fx.admin({
        config: {
          tables: { orders: { ...ordersConfig.tables!.orders, scope: (qb) => qb.where('status', '=', 'new') } },
        },
      })
      const html = await (await scoped.request(`/${fx.s}/orders/?sort=-items`)).text()
      assert.deepEqual(idsOf(html), ['7', '1', '2'])
      const select = /<select[^>]*name="f\.items"[^>]*>([\s\S]*?)<\/select>/.exec(html)
      const options = [...select![1]!.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1])
      assert.deepEqual(options, ['', '0', '2', '4'], 'only the values of rows in scope')
      assert.equal((await scoped.request(`/${fx.s}/orders/row/3`)).status, 404)
      assert.match(await (await scoped.request(`/${fx.s}/orders/row/7`)).text(), />Items<[\s\S]*?>4</)
    })

    it('refuses a computed name that is a column, naming table and name', () => {
      assert.throws(
        () =>
          fx.admin({
            config: { tables: { orders: { computed: { status: { sql: (eb) => eb.ref('placed') } } } } },
          }),
        { name: 'ConfigError', message: /tables\.orders\.computed: "status" is already a column of orders/ },
      )
    })
  })
}
