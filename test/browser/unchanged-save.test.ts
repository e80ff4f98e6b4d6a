// "A field the user did not touch is never written", as a browser proves it: Chromium opens the edit form of
// every row of the awkward fixtures (plus values no HTML control can hold as they are) and presses Save.
// Native inputs normalise and drop what they cannot hold; whatever they send, each table must stay
// byte-identical (Postgres: every column's text and the row's xmin; SQLite: typeof, quote and hex of every column).
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { segment } from '../../src/http/urls.js'
import type { SchemaMetadata, Table } from '../../src/introspect/metadata.js'
import { encodeRecordKey } from '../../src/records/record-key.js'
import { launchBrowser } from '../helpers/browser.js'
import { dialects, type TestDb } from '../helpers/test-db.js'
import { crawlSetupSql } from '../http/crawl-setup.js'

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

const quoted = (id: string) => `"${id.replace(/"/g, '""')}"`
const from = (table: Table) => `${quoted(table.schema)}.${quoted(table.name)}`

/** Every row's exact stored form, by its key's text. */
async function snapshot(connection: Connection, table: Table, key: readonly string[]): Promise<Map<string, string>> {
  const sqlite = connection.dialect.name === 'sqlite'
  const exact = sqlite
    ? table.columns
        .map((c) => `typeof(${quoted(c.name)}) || ':' || quote(${quoted(c.name)}) || ':' || hex(${quoted(c.name)})`)
        .join(" || ',' || ")
    : `_row::text || ' xmin=' || _row.xmin::text`
  const keyText = key.map((name) => `quote(${quoted(name)})`).join(" || ',' || ")
  const query = sqlite
    ? `select ${keyText} as k, ${exact} as r from ${from(table)}`
    : `select ${key.map((name) => `coalesce(_row.${quoted(name)}::text, 'NULL')`).join(" || ',' || ")} as k, ${exact} as r from ${from(table)} as _row`
  const { rows } = await sql.raw<{ k: string; r: string }>(query).execute(connection.db)
  return new Map(rows.map((row) => [row.k, row.r]))
}

/** The tables whose rows have an edit page: a key, and not a view. */
function editable(schema: SchemaMetadata): { table: Table; key: readonly string[] }[] {
  return schema.tables.flatMap((table) => {
    if (table.type !== 'table') return []
    return table.primaryKey.length > 0 ? [{ table, key: table.primaryKey }] : []
  })
}

async function serveAdmin(connection: Connection, schema: SchemaMetadata) {
  const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' })
  const server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

for (const { name: dialect, create } of dialects) {
  describe(`saving every row's edit form unchanged in Chromium (${dialect})`, () => {
    let db: TestDb
    let connection: Connection
    let schema: SchemaMetadata
    let site: Awaited<ReturnType<typeof serveAdmin>>
    before(async () => {
      db = await create(crawlSetupSql(dialect))
      connection = await connect(db.url)
      schema = await connection.dialect.introspect(connection.db)
      site = await serveAdmin(connection, schema)
    })
    after(async () => {
      await site?.close()
      await connection?.close()
      await db?.drop()
    })

    test('no row of any table changes, and every save says there was nothing to save', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      let saved = 0
      const problems: string[] = []
      try {
        for (const { table, key } of editable(schema)) {
          const { rows } = await sql
            .raw<Record<string, unknown>>(`select ${key.map(quoted).join(', ')} from ${from(table)}`)
            .execute(connection.db)
          const before = await snapshot(connection, table, key)
          for (const row of rows) {
            const values = key.map((name) => row[name])
            if (values.some((value) => value === null)) continue
            const path = `/${segment(table.schema)}/${segment(table.name)}/row/${encodeRecordKey(values)}/edit`
            const where = `${table.schema}.${table.name} ${path}`
            const opened = await page.goto(`${site.base}${path}`)
            assert.equal(opened?.status(), 200, `${where}: the edit form opens`)
            const save = page.locator('button[name="_action"][value="save"]')
            await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), save.click()])
            await page.waitForLoadState()
            const said = await page.locator('[role="status"], [role="alert"], [id$="-error"]').allInnerTexts()
            if (!said.some((text) => text.includes('No changes to save')))
              problems.push(`${where}: ${said.join(' / ')}`)
            saved += 1
          }
          const after = await snapshot(connection, table, key)
          for (const [rowKey, text] of before)
            if (after.get(rowKey) !== text)
              problems.push(`${table.name} ${rowKey}: ${text}\n  became ${after.get(rowKey)}`)
        }
      } finally {
        await page.close()
      }
      assert.deepEqual(problems, [], problems.join('\n'))
      console.log(`unchanged-save (${dialect}): ${saved} rows saved unchanged in Chromium`)
      assert.ok(saved > 40, `every row was opened (${saved})`)
    })

    test('what a number input would refuse can be typed, and NULL and the empty text can both be chosen', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      const read = async (id: number) => {
        const { rows } = await sql
          .raw<{ num: string | null; choice: string | null }>(
            `select cast(num as text) as num, choice from exact_values where id = ${id}`,
          )
          .execute(connection.db)
        return rows[0]!
      }
      try {
        await page.goto(`${site.base}/${connection.dialect.defaultSchema}/exact_values/row/4/edit`)
        await page.locator('[name="v:num"]').fill('1e1000')
        await page.locator('[name="v:choice"]').selectOption({ label: '(empty text)' })
        await Promise.all([page.waitForURL(/\/row\/4$/), page.locator('button[value="save"]').click()])
        const saved = await read(4)
        assert.equal(saved.choice, '', 'the choice "" was stored, not NULL')
        assert.ok(saved.num === '1' + '0'.repeat(1000) || saved.num === 'Inf', `1e1000 was stored (${saved.num})`)

        await page.goto(`${site.base}/${connection.dialect.defaultSchema}/exact_values/row/4/edit`)
        await page.locator('[name="v:choice"]').selectOption({ label: 'NULL' })
        await Promise.all([page.waitForURL(/\/row\/4$/), page.locator('button[value="save"]').click()])
        assert.equal((await read(4)).choice, null, 'NULL can be chosen again')
      } finally {
        await page.close()
      }
    })
  })
}
