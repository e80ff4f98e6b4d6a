import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata, Table } from '../../src/introspect/metadata.js'
import { createPostgresDb, createSqliteDb, dialects, type TestDb } from '../helpers/test-db.js'
import {
  bodyRows,
  capturingConsoleErrors,
  countRows,
  decode,
  firstValues,
  hrefs,
  listPathOf,
  newCrawl,
  plausibleValues,
  snapshot,
  visitor,
  type Crawl,
  type Visit,
} from './crawl-pages.js'
import { crawlSetupSql } from './crawl-setup.js'
import { EditClient, readForm } from './edit-client.js'

/** Bounds that keep the whole file well under a minute on two shared cores. */
const rowsPerTable = 12
const pagesPerOrdering = 6
const requestBudget = 2_000
const searches = ['a', '%', '_', "'", 'ünï', 'a/b', ' ']

/**
 * Every page a user can reach from the index: lists in every ordering, every filter the form offers, searches,
 * detail pages and every admin link on them, edit forms (saved unchanged), delete previews and create forms.
 */
async function crawlSite(connection: Connection, schema: SchemaMetadata, crawl: Crawl, logged: string[]) {
  const client = new EditClient(createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' }))
  const visit = visitor(client, crawl, logged, requestBudget)
  const index = await visit('/', 'start')
  assert.ok(index, 'the index answers')
  for (const table of schema.tables)
    assert.ok(hrefs(index).includes(listPathOf(table)), `the index links to ${table.schema}.${table.name}`)

  for (const table of schema.tables) {
    const listPath = listPathOf(table)
    const list = await visit(listPath, 'index')
    if (!list) continue
    const from = `list of ${table.schema}.${table.name}`
    for (const column of sortColumns(list, listPath)) {
      await visit(`${listPath}?sort=${encodeURIComponent(column)}`, from)
      await visit(`${listPath}?sort=-${encodeURIComponent(column)}`, from)
    }

    const stored = await firstValues(connection, table)
    const filterForm = [...list.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].find((m) => m[0].includes('name="f.'))
    for (const [whole, tag, name, options] of filterForm?.[0].matchAll(
      /<(select|input)\b[^>]*\sname="(f\.[^"]*)"[^>]*>([\s\S]*?<\/select>)?/g,
    ) ?? []) {
      const field = decode(name!)
      const values =
        tag === 'select'
          ? [...(options ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => decode(m[1]!)).filter(Boolean)
          : plausibleValues(whole, field, stored)
      for (const value of values.slice(0, 4))
        await visit(`${listPath}?${new URLSearchParams([[field, value]])}`, `${from}, filter ${field}`)
    }
    for (const q of searches) await visit(`${listPath}?${new URLSearchParams([['q', q]])}`, `${from}, search`)
    const create = `${listPath.slice(0, -1)}/new`
    if (hrefs(list).includes(create)) await visit(create, from)

    const rowPaths = [...new Set(hrefs(list).filter((h) => h.startsWith(`${listPath}row/`)))].slice(0, rowsPerTable)
    for (const rowPath of rowPaths) {
      const detail = await visit(rowPath, from)
      if (!detail) continue
      for (const link of hrefs(detail).filter((h) => h.startsWith('/') && !h.startsWith('/static/'))) {
        const fresh = !visit.seen.has(link)
        const html = await visit(link, `detail ${rowPath}`)
        if (fresh && html && link === `${rowPath}/edit`) await saveUnchanged(client, connection, table, link, html)
      }
    }
  }

  async function saveUnchanged(client: EditClient, connection: Connection, table: Table, path: string, html: string) {
    const before = await snapshot(connection, table)
    const form = readForm(html, '/edit')
    logged.length = 0
    const response = await client.post(form.action, [...form.pairs, ['_action', 'save']])
    crawl.edited.push(path)
    if (response.status !== 303) {
      const body = await response.text()
      const messages = [...body.matchAll(/id="field-\d+-error"[^>]*>([^<]*)|role="alert"[^>]*>([^<]*)/g)]
      const text = messages.map((m) => m[1] ?? m[2]).join(' | ') || body.slice(0, 200)
      crawl.editProblems.push(`${path}: ${response.status} ${text} ${logged.join(' ')}`)
      return
    }
    const after = await snapshot(connection, table)
    if (JSON.stringify(after) !== JSON.stringify(before))
      crawl.editProblems.push(`${path}: the row changed to ${after.filter((r) => !before.includes(r)).join(' / ')}`)
  }
}

const sortColumns = (list: string, listPath: string) =>
  hrefs(list)
    .filter((h) => h.startsWith(`${listPath}?sort=`))
    .map((h) => new URLSearchParams(h.slice(h.indexOf('?'))).get('sort')!.replace(/^-/, ''))

/**
 * Pages through every table in every ordering with a page size that makes about three pages, following Next
 * links (and visiting each Previous): keyset positions over NULLs, ties and awkward text must neither lose nor
 * repeat a row.
 */
async function crawlPages(connection: Connection, schema: SchemaMetadata, crawl: Crawl, logged: string[]) {
  const counts = new Map<Table, number>()
  for (const table of schema.tables) counts.set(table, await countRows(connection, table))
  const defaultSchema = connection.dialect.defaultSchema
  const tables = Object.fromEntries(
    schema.tables.map((t) => [
      t.schema === defaultSchema ? t.name : `${t.schema}.${t.name}`,
      { pageSize: Math.max(2, Math.ceil(counts.get(t)! / 3)) },
    ]),
  )
  const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test', config: { tables } })
  const visit = visitor(new EditClient(admin), crawl, logged, crawl.visits.length + requestBudget)
  for (const table of schema.tables) {
    const total = counts.get(table)!
    const listPath = listPathOf(table)
    const first = await visit(listPath, 'paging')
    if (!first || total < 2) continue
    const sorts = sortColumns(first, listPath).flatMap((c) => [
      `?sort=${encodeURIComponent(c)}`,
      `?sort=-${encodeURIComponent(c)}`,
    ])
    for (const start of [listPath, ...sorts.map((q) => `${listPath}${q}`)]) {
      crawl.pagedOrderings++
      const rows: string[] = []
      let path: string | undefined = start
      for (let page = 0; path && page < pagesPerOrdering; page++) {
        const html: string | undefined = await visit(path, `paging ${start}`)
        if (!html) break
        rows.push(...bodyRows(html))
        const prev = /<a href="([^"]*)" rel="prev"/.exec(html)?.[1]
        if (prev) await visit(decode(prev), `Previous on ${path}`)
        const next: string | undefined = /<a href="([^"]*)" rel="next"/.exec(html)?.[1]
        path = next === undefined ? undefined : decode(next)
      }
      const distinct = new Set(rows).size
      if (rows.length !== total || (table.primaryKey.length > 0 && distinct !== total))
        crawl.pagingProblems.push(
          `${start}: ${rows.length} rows (${distinct} distinct) on its pages, ${total} in the table`,
        )
    }
  }
}

const describeVisits = (visits: readonly Visit[]) =>
  visits.map((v) => [`${v.status} ${v.path} (from ${v.from})`, ...v.logged].join('\n    '))

/** The crawl and its checks over one database; `least` says how much of it must have been exercised. */
function crawlSuite(title: string, open: () => Promise<TestDb>, least: { orderings: number; edits: number }) {
  describe(title, () => {
    let testDb: TestDb
    let connection: Connection
    const crawl = newCrawl()
    before(async () => {
      testDb = await open()
      connection = await connect(testDb.url)
      const schema = await connection.dialect.introspect(connection.db)
      await capturingConsoleErrors(async (logged) => {
        await crawlSite(connection, schema, crawl, logged)
        await crawlPages(connection, schema, crawl, logged)
      })
    })
    after(async () => {
      await connection?.close()
      await testDb?.drop()
    })

    it('reaches lists, detail, edit, delete and create pages within its request budget', () => {
      assert.ok(crawl.visits.length < 2 * requestBudget, `${crawl.visits.length} requests`)
      for (const part of ['?sort=', '?f.', '?q=', '/row/', '/edit', '/delete', '/new'])
        assert.ok(
          crawl.visits.some((v) => v.path.includes(part)),
          `some ${part} page was visited`,
        )
    })

    it('gets no server error from any page', () => {
      assert.deepEqual(describeVisits(crawl.visits.filter((v) => v.status >= 500)), [])
    })

    it('gets a page from every link and form field it followed', () => {
      assert.deepEqual(describeVisits(crawl.visits.filter((v) => v.status !== 200)), [])
    })

    it('shows no stack, driver text, undefined, [object Object] or NaN, and exactly one <h1> per page', () => {
      assert.deepEqual(crawl.leaks, [])
    })

    it('pages through every table in every ordering without losing or repeating a row', () => {
      assert.ok(crawl.pagedOrderings > least.orderings, `${crawl.pagedOrderings} orderings paged`)
      assert.deepEqual(crawl.pagingProblems, [])
    })

    it('saves every edit form submitted unchanged with a redirect, leaving the row byte-identical', () => {
      assert.ok(crawl.edited.length > least.edits, `${crawl.edited.length} edit forms saved`)
      assert.deepEqual(crawl.editProblems, [])
    })
  })
}

for (const { name, create } of dialects)
  crawlSuite(`a crawl of every page over the awkward ${name} schema`, () => create(crawlSetupSql(name)), {
    orderings: 50,
    edits: 10,
  })

// Real-world Postgres features: inheritance children, domains, triggers, a custom aggregate in a view.
crawlSuite(
  'a crawl of every page over a rental shop on postgres',
  () => createPostgresDb(readFileSync(new URL('../fixtures/rental-shop-postgres.sql', import.meta.url), 'utf8')),
  { orderings: 10, edits: 5 },
)

// Real-world SQLite habits: bracket-quoted PascalCase names, NVARCHAR, keys of two foreign keys.
crawlSuite(
  'a crawl of every page over a music store on sqlite',
  () => createSqliteDb(readFileSync(new URL('../fixtures/music-store-sqlite.sql', import.meta.url), 'utf8')),
  { orderings: 10, edits: 5 },
)
