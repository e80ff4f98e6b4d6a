import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import type { Connection } from '../../src/db/connect.js'
import { listWhere } from '../../src/list/filters.js'
import { indexedSearchCondition, planSearch, type SearchPlan } from '../../src/list/search-plan.js'
import { tableId } from '../../src/list/sql-identifiers.js'
import { buildResources } from '../../src/resources/build-resources.js'
import { StewardConfig } from '../../src/resources/define-config.js'
import type { Resource } from '../../src/resources/resource.js'
import { dialects, openAdminDb, suiteFixture, withAdmin } from '../helpers/test-db.js'

// `notes` is indexed but prose (declared long, and long on average once analysed): not searched by default, though
// one starts with the term. `city` has no index; `email` is unique, `name` indexed.
const prose = 'Lee is her husband, and they live in Leeds with two cats. '.repeat(3)
const setup = `
  create table customers (
    id integer primary key, email varchar(100) not null unique, name text not null, city text, notes varchar(2000)
  );
  create index customers_name on customers (name);
  create index customers_notes on customers (notes);
  insert into customers values
    (1, 'ann@example.com', 'Ann Lee', 'Leeds', '${prose}'),
    (2, 'lee@shop.test', 'Lee Park', 'Oslo', null),
    (3, 'cy@example.com', 'Cy Stone', 'Leeds', null),
    (4, 'dee@example.com', 'Dee Lee', 'Lima', '${prose}');
  create view customer_names as select id, name from customers;
`

/** The keys of the rows a list shows, in key order, and the sentence saying how it searched (null when in full). */
function shown(html: string): { ids: number[]; note: string | null; allHref: string | null } {
  const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'))
  const ids = [...new Set([...body.matchAll(/\/customers\/row\/(\d+)[?"]/g)].map((m) => Number(m[1])))]
  const note = /<p[^>]*data-search-note[^>]*>([^<]*)<a href="([^"]*)"/.exec(html)
  return {
    ids: ids.sort((a, b) => a - b),
    note: note?.[1]?.trim() ?? null,
    allHref: note?.[2]?.replaceAll('&amp;', '&') ?? null,
  }
}

const big = { search: { bigTableRows: 2 } }
const indexedNote = 'Big table: searched only by the start of Email, Name; the exact Id.'

for (const dialect of dialects) {
  describe(`a big table's list search on ${dialect.name}`, () => {
    const fx = suiteFixture(() => openAdminDb(dialect.name, setup))
    const list = async (query: string, config: object = big) => {
      const res = await fx.admin({ config }).request(`/${fx.s}/customers/?${query}`)
      assert.equal(res.status, 200)
      return shown(await res.text())
    }

    for (const [what, query, config, expected] of [
      // The start of an indexed column (case matters), never inside it, nor in an unindexed or prose column.
      ['by default, by prefix on indexed columns', 'q=Lee', big, { ids: [2], note: indexedNote }],
      ['by default, by prefix in lower case too', 'q=park', big, { ids: [], note: indexedNote }],
      ['by default, by a capitalised prefix', 'q=lee%20p', big, { ids: [2], note: indexedNote }],
      ['by default, a unique column by prefix', 'q=ann%40', big, { ids: [1], note: indexedNote }],
      ['by default, the key exactly', 'q=3', big, { ids: [3], note: indexedNote }],
      ['every column by substring on request', 'q=Lee&search=all', big, { ids: [1, 2, 3, 4], note: null }],
      ['a small table in full', 'q=Lee', {}, { ids: [1, 2, 3, 4], note: null }],
      [
        'configured searchFields by substring, as Django',
        'q=Lee',
        { ...big, tables: { customers: { searchFields: ['name'] } } },
        { ids: [1, 2, 4], note: null },
      ],
    ] as const) {
      it(`searches ${what}`, async () => {
        const { ids, note } = await list(query, config)
        assert.deepEqual({ ids, note }, expected)
      })
    }

    it('links to the search of every column, which finds a match inside a value', async () => {
      const { allHref } = await list('q=Lee&sort=name')
      assert.equal(allHref, `/${fx.s}/customers/?q=Lee&search=all&sort=name`)
      assert.deepEqual((await list(allHref!.split('?')[1]!)).ids, [1, 2, 3, 4])
    })

    it('searches a view in full: its size says nothing of its cost', async () => {
      const res = await fx.admin({ config: big }).request(`/${fx.s}/customer_names/?q=Lee`)
      const html = await res.text()
      assert.equal(res.status, 200)
      assert.equal(shown(html).note, null)
      const body = /<tbody class="st-rows">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? ''
      assert.equal([...body.matchAll(/<tr>/g)].length, 3)
    })

    it('exports the rows the list shows, searched the same way', async () => {
      const exported = async (query: string) => {
        const res = await fx.admin({ config: big }).request(`/${fx.s}/customers/export.csv?${query}`)
        assert.equal(res.status, 200)
        const lines = (await res.text()).trim().split(/\r?\n/).slice(1)
        return lines.map((line) => Number(line.split(',')[0])).sort((a, b) => a - b)
      }
      assert.deepEqual(await exported('q=Lee'), [2])
      assert.deepEqual(await exported('q=Lee&search=all'), [1, 2, 3, 4])
    })

    it('says before a search that a big table is searched by its indexes, counted until analysed', async () => {
      const hint = async (query: string, table = 'customers') => {
        const res = await fx.admin({ config: big }).request(`/${fx.s}/${table}/?${query}`)
        assert.equal(res.status, 200)
        return /<p id="list-search-hint"[^>]*>([^<]*)/.exec(await res.text())?.[1]?.trim()
      }
      const full = 'Finds text in Email, Name, City, Notes (any case), or a row by its exact key.'
      const bigHint = 'Big table: finds text at the start of indexed columns, or a row by an exact key or unique value.'
      // Four rows, never analysed: counted past bigTableRows (2), as the search itself counts them.
      assert.equal(await hint(''), bigHint, 'no estimate yet: counted')
      assert.equal(await hint('', 'customer_names'), 'Finds text in Name (any case).', 'a view is never big')
      await fx.test.exec('analyze')
      assert.equal(await hint(''), bigHint, 'by the estimate')
      assert.equal(await hint('search=all'), full)
      assert.equal(await hint('q=Lee'), indexedNote, 'after a search, what it looked at')
    })

    it('refuses a search mode it does not know, before any SQL', async () => {
      const res = await fx.admin({ config: big }).request(`/${fx.s}/customers/?q=Lee&search=some`)
      assert.equal(res.status, 400)
      assert.match(await res.text(), /only &quot;all&quot;|only "all"/)
    })
  })
}

/** The plan of the table's default search, with big meaning more than 2 rows. */
async function planOf(connection: Connection, table: string): Promise<{ plan: SearchPlan; resource: Resource }> {
  const { db, dialect } = connection
  const schema = await dialect.introspect(db)
  const resources = buildResources(schema, StewardConfig.parse({}), { defaultSchema: dialect.defaultSchema })
  const resource = resources.find((r) => r.table.name === table)!
  return { plan: await planSearch(db, resource, { dialect, searchAll: false, bigTableRows: 2 }), resource }
}

/** Postgres's plan for the list's search condition, with sequential scans priced out (the table is small). */
async function explain(connection: Connection, resource: Resource, plan: SearchPlan, q: string): Promise<string> {
  const { db, dialect } = connection
  const ctx = { dialect: dialect.name, capabilities: dialect.capabilities }
  assert.equal(plan.kind, 'indexed')
  const where = listWhere(resource, { q, filters: [] }, ctx, indexedSearchCondition(resource, q, plan as never, ctx))
  return db.transaction().execute(async (trx: Kysely<any>) => {
    await sql`set local enable_seqscan = off`.execute(trx)
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select * from ${tableId(resource.table)}
      where ${where}`.execute(trx)
    return rows.map((row) => row['QUERY PLAN']).join('\n')
  })
}

describe('the index a big table search uses on postgres', () => {
  it('answers the prefix form from a btree index', async () => {
    await withAdmin('postgres', `${setup}; analyze customers;`, async ({ connection }) => {
      const { plan, resource } = await planOf(connection, 'customers')
      assert.deepEqual(plan, { kind: 'indexed', exact: ['id'], prefix: ['email', 'name'], anywhere: [] })
      const text = await explain(connection, resource, plan, 'Lee')
      assert.match(text, /Index Cond: .*name.*>= 'Lee'::text/)
      assert.doesNotMatch(text, /Seq Scan/)
    })
  })

  // pg_trgm ships with the test server (a contrib module of every packaged Postgres); index-advice.test.ts needs it too.
  it('answers any part of a column from a pg_trgm index, on the column or on its text cast', async () => {
    await withAdmin('postgres', setup, async ({ connection }) => {
      await sql`create extension if not exists pg_trgm`.execute(connection.db)
      await sql`create index customers_city_trgm on customers using gin (city gin_trgm_ops)`.execute(connection.db)
      await sql`analyze customers`.execute(connection.db)
      const { plan, resource } = await planOf(connection, 'customers')
      assert.deepEqual(plan, { kind: 'indexed', exact: ['id'], prefix: ['email', 'name'], anywhere: ['city'] })
      const text = await explain(connection, resource, plan, 'eed')
      assert.match(text, /Bitmap Index Scan on customers_city_trgm/)
      assert.doesNotMatch(text, /Seq Scan/)
      // Found by the cast a search of a number writes: `cast(id as text)`.
      await sql`create index customers_id_trgm on customers using gin ((id::text) gin_trgm_ops)`.execute(connection.db)
      const kinds = await connection.dialect.indexAdvisor.readIndexKinds(connection.db, resource.table)
      assert.ok(kinds.substring.has('public.customers.id::text'))
      assert.ok(kinds.substring.has('public.customers.city'))
    })
  })
})
