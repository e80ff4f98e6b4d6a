import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Can } from '../../src/auth/permissions.js'
import { dialects, openAdminDb, suiteFixture } from '../helpers/test-db.js'

const setup = `
  create table customers (id integer primary key, email text not null unique, name text not null);
  insert into customers values (1, 'ann@example.com', 'Ann Lee'), (2, 'bob@shop.test', 'Bob Stone'),
    (3, 'cy@example.com', 'Cy Lee'), (4, 'dee@example.com', 'Dee Lee');
  create table products (id integer primary key, name text not null, sku text not null unique);
  create index products_name on products (name);
  insert into products values (1, 'Bamboo griddle', 'BG-1'), (2, 'Lee''s spoon', 'LS-1'), (3, 'Iron pan', 'IP-1'),
    (4, 'Griddle of bamboo', 'GB-1');
  create table secrets (id integer primary key, name text not null);
  insert into secrets values (1, 'Lee secret');
`

/** Each table's section on the search page: its title, the rows' labels and "see all" link. */
function groupsOf(html: string): { table: string; rows: string[]; seeAll: string | null; note: boolean }[] {
  const main = html.slice(html.indexOf('<main'))
  return [...main.matchAll(/<section[^>]*><h2[^>]*>([^<]*)<\/h2>([\s\S]*?)<\/section>/g)].map((m) => ({
    table: m[1]!,
    rows: [...m[2]!.matchAll(/<li>(?:<a[^>]*>)?([^<]*)/g)].map((r) => r[1]!.replaceAll('&#39;', "'")),
    seeAll: /<a href="([^"]*)">See all/.exec(m[2]!)?.[1]?.replaceAll('&amp;', '&') ?? null,
    note: m[2]!.includes('A big table'),
  }))
}

for (const dialect of dialects) {
  describe(`search across tables on ${dialect.name}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect.name, setup))
    const labels = { customers: { labelColumn: 'name' }, products: { labelColumn: 'name' } }
    const get = (q: string, options: Parameters<typeof fx.admin>[0] = {}) =>
      fx
        .admin({ ...options, config: { ...options.config, tables: { ...labels, ...options.config?.tables } } })
        .request(`/search?q=${encodeURIComponent(q)}`)
    const search = async (q: string, options: Parameters<typeof fx.admin>[0] = {}) => {
      const res = await get(q, options)
      assert.equal(res.status, 200)
      return groupsOf(await res.text())
    }

    it('groups the matches by table, every word in some searched column', async () => {
      assert.deepEqual(await search('lee'), [
        { table: 'Customers', rows: ['Ann Lee', 'Cy Lee', 'Dee Lee'], seeAll: null, note: false },
        { table: 'Products', rows: ["Lee's spoon"], seeAll: null, note: false },
        { table: 'Secrets', rows: ['Lee secret'], seeAll: null, note: false },
      ])
      assert.deepEqual(await search('griddle bamboo'), [
        { table: 'Products', rows: ['Bamboo griddle', 'Griddle of bamboo'], seeAll: null, note: false },
      ])
      assert.deepEqual(await search('"bamboo griddle"'), [
        { table: 'Products', rows: ['Bamboo griddle'], seeAll: null, note: false },
      ])
      assert.deepEqual(await search('nobody'), [])
    })

    it('shows at most rowsPerTable rows of a table, and links to its list with the search', async () => {
      const [customers] = await search('lee', { config: { search: { rowsPerTable: 2 } } })
      assert.deepEqual(customers, {
        table: 'Customers',
        rows: ['Ann Lee', 'Cy Lee'],
        seeAll: `/${fx.s}/customers/?q=lee`,
        note: false,
      })
    })

    it('leaves out the tables the user may not view', async () => {
      const can: Can = (_user, action, table) => action === 'view' && table.name !== 'secrets'
      assert.deepEqual(
        (await search('lee', { can })).map((group) => group.table),
        ['Customers', 'Products'],
      )
    })

    it("reads only the rows of each table's scope", async () => {
      const customers = { labelColumn: 'name', scope: (qb: any) => qb.where('email', 'not like', 'ann%') }
      const [group] = await search('lee', { config: { tables: { customers } } })
      assert.deepEqual(group?.rows, ['Cy Lee', 'Dee Lee'])
      // A row outside the scope is not jumped to either.
      const res = await get('ann@example.com', { config: { tables: { customers } } })
      assert.equal(res.status, 200)
      assert.deepEqual(groupsOf(await res.text()), [])
    })

    it('searches a big table only by prefix or equality on indexed columns', async () => {
      const big = { config: { search: { bigTableRows: 2 } } }
      // "Lee" is inside names, at the start of none that an index holds: only the small table answers.
      assert.deepEqual(await search('Lee', big), [
        { table: 'Products', rows: ["Lee's spoon"], seeAll: null, note: true },
        { table: 'Secrets', rows: ['Lee secret'], seeAll: null, note: false },
      ])
      // products.name is indexed: a prefix finds it, in any of the usual cases; a word inside it does not.
      assert.deepEqual(await search('Bamboo', big), [
        { table: 'Products', rows: ['Bamboo griddle'], seeAll: null, note: true },
      ])
      assert.deepEqual(await search('griddle', big), [
        { table: 'Products', rows: ['Griddle of bamboo'], seeAll: null, note: true },
      ])
      assert.deepEqual(await search('spoon', big), [])
    })

    for (const [q, target] of [
      ['ann@example.com', 'customers/row/1'],
      ['LS-1', 'products/row/2'],
    ] as const) {
      it(`jumps to the one row "${q}" names exactly (303)`, async () => {
        const res = await get(q)
        assert.equal(res.status, 303)
        assert.equal(res.headers.get('location'), `/${fx.s}/${target}`)
      })
    }

    it('does not jump when the key names a row in several tables', async () => {
      const res = await get('1')
      assert.equal(res.status, 200)
      assert.deepEqual(
        groupsOf(await res.text()).map((group) => group.table),
        ['Customers', 'Products', 'Secrets'],
      )
    })

    it('refuses more than 10 words, and unknown parameters, with a readable 400', async () => {
      const res = await get(Array.from({ length: 11 }, (_, i) => `w${i}`).join(' '))
      assert.equal(res.status, 400)
      assert.match(await res.text(), /at most 10 words/)
      const other = await fx.admin().request('/search?q=a&x=1')
      assert.equal(other.status, 400)
      assert.match(await other.text(), /unknown parameter &quot;x&quot;|unknown parameter "x"/)
    })

    it('offers the search in the header and on the index page', async () => {
      const html = await (await fx.admin().request('/')).text()
      assert.match(html, /<input id="header-search"[^>]*data-search-box/)
      assert.match(html, /<input id="index-search"/)
    })
  })
}
