import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { exportRows } from '../../src/list/export-rows.js'
import { parseListParams } from '../../src/list/list-params.js'
import { loadListPage } from '../../src/list/load-list-page.js'
import { buildResources } from '../../src/resources/build-resources.js'
import type { StewardConfig } from '../../src/resources/define-config.js'
import { indexResources } from '../../src/resources/resource-index.js'
import { defaultSchema, dialects, type TestDb } from '../helpers/test-db.js'

/** A small RFC 4180 reader: records of fields, and which fields were quoted (to tell '' from NULL). */
function parseCsv(text: string): { fields: string[][]; quotedEmpty: boolean[][] } {
  const fields: string[][] = []
  const quotedEmpty: boolean[][] = []
  let row: string[] = []
  let empties: boolean[] = []
  let i = 0
  while (i < text.length) {
    let value = ''
    let wasQuoted = false
    if (text[i] === '"') {
      wasQuoted = true
      i++
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') ((value += '"'), (i += 2))
        else if (text[i] === '"') {
          i++
          break
        } else value += text[i++]
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') value += text[i++]
    row.push(value)
    empties.push(wasQuoted && value === '')
    if (text[i] === ',') i++
    else {
      assert.equal(text.slice(i, i + 2), '\r\n', 'records end in CRLF')
      i += 2
      fields.push(row)
      quotedEmpty.push(empties)
      row = []
      empties = []
    }
  }
  return { fields, quotedEmpty }
}

function setupSql(dialect: 'sqlite' | 'postgres'): string {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob'
  const bytes = dialect === 'postgres' ? `'\\x01ff'::bytea` : `x'01ff'`
  const people = Array.from({ length: 12 }, (_, i) => {
    const n = i + 1
    return `(${n}, 'person ${String(n).padStart(2, '0')}', ${n % 3}, 'secret ${n}')`
  }).join(', ')
  return `
    create table people (id integer primary key, name text not null, score integer not null, secret text);
    insert into people values ${people};
    create table awkward (id integer primary key, label text, amount integer, data ${blob});
    insert into awkward values
      (1, 'a,b', 1, null), (2, 'say "hi"', 2, null), (3, 'line1' || char(10) || 'line2', 3, null),
      (4, 'Zoë 東京', 4, ${bytes}), (5, '', 5, null), (6, null, null, null), (7, '=1+2', -5, null),
      (8, '-5', 8, null), (9, '@cmd', 9, null), (10, '+x', 10, null);
    create view high_scores as select id, name from people where score = 2;
    create table "naïve ✓" (id integer primary key);
    insert into "naïve ✓" values (1);`.replace(/char\(10\)/g, dialect === 'postgres' ? 'chr(10)' : 'char(10)')
}

for (const { name: dialect, create } of dialects) {
  describe(`CSV export of a list on ${dialect}`, () => {
    const s = defaultSchema[dialect]
    let test: TestDb
    let connection: Connection
    let schema: SchemaMetadata
    const config: StewardConfig = { tables: { people: { pageSize: 5, hiddenFields: ['secret'], ordering: [] } } }
    const admin = (extra: Partial<StewardConfig> = {}) =>
      createAdmin({ db: connection.db, schema, config: { ...config, ...extra }, checkDrift: false })
    const download = async (path: string, extra?: Partial<StewardConfig>) => {
      const res = await admin(extra).request(path)
      // Response.text() would drop the BOM this test wants to see.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
      return { res, text, ...parseCsv(text.replace(/^\uFEFF/, '')) }
    }

    before(async () => {
      test = await create(setupSql(dialect))
      connection = await connect(test.url)
      schema = await connection.dialect.introspect(connection.db)
    })
    after(async () => {
      await connection.close()
      await test.drop()
    })

    it('the list links to its export with q, filters and sort, without page, size or cursor', async () => {
      const res = await admin().request(`/${s}/people/?f.score.gte=1&q=person&sort=-name&size=25&page=2`)
      const html = await res.text()
      const href = /href="([^"]*export\.csv[^"]*)"[^>]*title="([^"]*)"/.exec(html)
      assert.ok(href, 'an Export CSV link')
      const url = new URL(href[1]!.replace(/&amp;/g, '&'), 'http://x')
      assert.equal(url.pathname, `/${s}/people/export.csv`)
      assert.deepEqual(
        [...url.searchParams],
        [
          ['f.score.gte', '1'],
          ['q', 'person'],
          ['sort', '-name'],
        ],
      )
      assert.match(href[2]!, /at most 100,000 rows/)
      const cursorPage = await (await admin().request(`/${s}/people/?after=${encodeURIComponent('5')}`)).text()
      const cursorHref = /href="([^"]*export\.csv[^"]*)"/.exec(cursorPage)![1]!
      assert.equal(cursorHref, `/${s}/people/export.csv`)
    })

    for (const [why, query] of [
      ['sorted on a non-unique column (OFFSET batches)', 'f.score.gte=1&sort=-score&q=person'],
      ['sorted on the key, descending (keyset batches)', 'f.score.lte=1&sort=-id'],
      ['in its default order', ''],
    ] as const) {
      it(`exports exactly the rows the list shows across its pages, ${why}`, async () => {
        const resource = indexResources(buildResources(schema, config, { defaultSchema: s })).get(s, 'people')!
        const ctx = {
          dialect: connection.dialect,
          resources: indexResources([resource]),
          statementTimeoutMs: 5_000,
          user: null,
        }
        const shown: unknown[] = []
        let position = ''
        for (let guard = 0; guard < 10; guard++) {
          const parsed = parseListParams(new URLSearchParams(`${query}${position}`), resource, dialect)
          assert.ok(parsed.ok)
          const page = await loadListPage(connection.db, resource, parsed.params, ctx)
          shown.push(...page.rows.map((row) => String(row.id)))
          if (page.nextCursor) position = `&after=${encodeURIComponent(page.nextCursor)}`
          else if (!page.ordering.keyset && page.hasNext) position = `&page=${parsed.params.page + 1}`
          else break
        }
        assert.ok(shown.length > 5, 'the list has several pages')

        const { res, fields } = await download(`/${s}/people/export.csv?${query}`)
        assert.equal(res.status, 200)
        assert.deepEqual(fields[0], ['id', 'name', 'score'], 'visible columns in table order; hidden ones left out')
        assert.deepEqual(
          fields.slice(1).map((f) => f[0]),
          shown,
        )

        // The same rows when read in batches smaller than a page.
        const parsed = parseListParams(new URLSearchParams(query), resource, dialect)
        assert.ok(parsed.ok)
        const rows = await exportRows(connection.db, resource, parsed.params, {
          dialect: connection.dialect,
          statementTimeoutMs: 5_000,
          maxRows: 1_000,
          batchSize: 2,
          resources: ctx.resources,
          user: null,
        })
        const batched: unknown[] = []
        for await (const batch of rows.batches) {
          assert.ok(batch.length <= 2)
          batched.push(...batch.map((row) => String(row.id)))
        }
        assert.deepEqual(batched, shown)
        assert.equal(rows.truncated, false)
      })
    }

    it('quotes commas, quotes and newlines; keeps unicode; tells NULL from an empty string; hex for bytes', async () => {
      const { res, text, fields, quotedEmpty } = await download(`/${s}/awkward/export.csv`)
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8')
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="awkward.csv"')
      assert.equal(res.headers.get('cache-control'), 'no-store')
      assert.equal(res.headers.get('x-steward-truncated'), 'false')
      assert.ok(text.startsWith('\uFEFFid,label,amount,data\r\n'), 'a BOM, then the header')
      assert.ok(text.includes('\r\n1,"a,b",1,\r\n'))
      assert.ok(text.includes('\r\n2,"say ""hi""",2,\r\n'))
      assert.ok(text.includes('\r\n3,"line1\nline2",3,\r\n'))
      assert.ok(text.includes('\r\n4,Zoë 東京,4,\\x01ff\r\n'))
      assert.ok(text.includes('\r\n5,"",5,\r\n'), 'an empty string is a quoted empty field')
      assert.ok(text.includes('\r\n6,,,\r\n'), 'NULL is nothing at all')
      const byId = new Map(fields.slice(1).map((row, i) => [row[0], { row, empty: quotedEmpty[i + 1]! }]))
      assert.deepEqual(byId.get('5')!.empty, [false, true, false, false])
      assert.deepEqual(byId.get('6')!.empty, [false, false, false, false])
      assert.equal(byId.get('3')!.row[1], 'line1\nline2')
    })

    it('defuses text a spreadsheet would run as a formula, but not negative numbers', async () => {
      const { fields } = await download(`/${s}/awkward/export.csv`)
      const byId = new Map(fields.slice(1).map((row) => [row[0], row]))
      assert.deepEqual(byId.get('7'), ['7', "'=1+2", '-5', ''])
      assert.equal(byId.get('8')![1], "'-5", 'a text column holding "-5" is text')
      assert.equal(byId.get('9')![1], "'@cmd")
      assert.equal(byId.get('10')![1], "'+x")
    })

    it('a bad parameter gets the list’s 400 page', async () => {
      for (const query of ['f.nope=1', 'sort=nope', 'f.name.gte=a', 'f.secret=x']) {
        const res = await admin().request(`/${s}/people/export.csv?${query}`)
        assert.equal(res.status, 400, query)
        const html = await res.text()
        assert.ok(html.includes('Bad list address'), query)
        assert.ok(!res.headers.get('content-type')?.includes('csv'))
      }
      assert.equal((await admin().request(`/${s}/nowhere/export.csv`)).status, 404)
    })

    it('stops at exportMaxRows and says so in a header and next to the link', async () => {
      const capped = await download(`/${s}/people/export.csv`, { exportMaxRows: 5 })
      assert.equal(capped.res.headers.get('x-steward-truncated'), 'true')
      assert.equal(capped.fields.length, 6, 'the header and 5 rows')
      assert.deepEqual(
        capped.fields.slice(1).map((f) => f[0]),
        ['1', '2', '3', '4', '5'],
      )
      assert.ok(capped.text.endsWith('5,person 05,2\r\n'), 'no marker inside the data')
      const exact = await download(`/${s}/people/export.csv?f.score=2`, { exportMaxRows: 4 })
      assert.equal(exact.res.headers.get('x-steward-truncated'), 'false', 'exactly the cap is not truncated')
      assert.equal(exact.fields.length, 5)
      const page = await (await admin({ exportMaxRows: 5 }).request(`/${s}/people/`)).text()
      assert.ok(page.includes('Exports only the first 5 rows'))
      assert.ok(!(await (await admin().request(`/${s}/people/`)).text()).includes('Exports only'))
    })

    it('exports views, and names a unicode table’s file both ways', async () => {
      const view = await download(`/${s}/high_scores/export.csv`)
      assert.equal(view.res.status, 200)
      assert.deepEqual(view.fields, [
        ['id', 'name'],
        ['2', 'person 02'],
        ['5', 'person 05'],
        ['8', 'person 08'],
        ['11', 'person 11'],
      ])
      const odd = await download(`/${s}/${encodeURIComponent('naïve ✓')}/export.csv`)
      assert.equal(odd.res.status, 200)
      assert.equal(
        odd.res.headers.get('content-disposition'),
        `attachment; filename="na_ve__.csv"; filename*=UTF-8''na%C3%AFve%20%E2%9C%93.csv`,
      )
      assert.deepEqual(odd.fields, [['id'], ['1']])
    })
  })
}
