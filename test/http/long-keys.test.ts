import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { connect } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

// A 20,000-character key would make a URL far over the server's header limit (431): its URL carries a
// prefix and a digest instead. Two keys share their first 100 characters, so the prefix alone is not enough.
const shared = 'ab~,/% é🙂.'.repeat(10)
const long = (tail: string) => `${shared}${tail.repeat(2000)}`
const keyA = long('A~b,c/d%e ')
const keyB = long('B~b,c/d%e ')
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`
const setup = `
  create table doc (k text primary key, body text);
  create table part (k text, n int, v text, primary key (k, n));
  insert into doc values (${literal(keyA)}, 'first'), (${literal(keyB)}, 'second'), ('short', 'third');
  insert into part values (${literal(keyA)}, 1, 'one'), (${literal(keyA)}, 2, 'two');
`

// Bytes too: 3,000 of them, two keys that differ only in their last byte.
const hex = (last: string) => `${'ab'.repeat(2999)}${last}`
const binarySetup = {
  postgres: `create table bin (k bytea primary key, v text);
    insert into bin values ('\\x${hex('01')}', 'one'), ('\\x${hex('02')}', 'two');`,
  sqlite: `create table bin (k blob primary key, v text);
    insert into bin values (x'${hex('01')}', 'one'), (x'${hex('02')}', 'two');`,
}

describe('rows with a 20,000-character key', () => {
  for (const dialect of dialects) {
    it(`on ${dialect.name}: open, edit, history and delete by short URLs, each touching its own row`, async () => {
      const testDb = await dialect.create(setup + binarySetup[dialect.name])
      const connection = await connect(testDb.url)
      try {
        const schema = await connection.dialect.introspect(connection.db)
        const target =
          dialect.name === 'postgres' ? 'steward.audit_log' : join(mkdtempSync(join(tmpdir(), 'a-')), 'a.db')
        const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 't', audit: { target } })
        const client = new EditClient(admin)
        const s = connection.dialect.defaultSchema
        const body = async () =>
          (
            await sql<{ k: string; body: string }>`select k, body from doc order by body`.execute(connection.db)
          ).rows.map((row) => [row.k.length, row.body])
        const hrefs = (html: string) => [...html.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1]!)
        const short = (html: string) => {
          for (const href of hrefs(html)) assert.ok(href.length < 2048, `a ${href.length}-character link`)
        }

        const list = (await client.get(`/${s}/doc/`)).html
        short(list)
        const links = [...new Set(hrefs(list).filter((href) => /\/doc\/row\/~h/.test(href)))]
        assert.equal(links.length, 2, 'one link per long-key row')
        const [linkA, linkB] = links as [string, string]
        for (const [link, text] of [
          [linkA, 'first'],
          [linkB, 'second'],
        ] as const) {
          const detail = await client.get(link)
          assert.equal(detail.status, 200, link)
          assert.ok(detail.html.includes(`>${text}<`))
          short(detail.html)
          assert.equal((await client.get(`${link}/edit`)).status, 200)
          assert.equal((await client.get(`${link}/delete`)).status, 200)
        }

        const form = readForm((await client.get(`${linkB}/edit`)).html, '/edit')
        const saved = await client.follow(
          await client.post(form.action, withValue(form.pairs, 'v:body', 'second, edited')),
        )
        assert.equal(saved.location, linkB)
        assert.deepEqual(await body(), [
          [keyA.length, 'first'],
          [keyB.length, 'second, edited'],
          [5, 'third'],
        ])
        const history = await client.get(`${linkB}/history`)
        assert.equal(history.status, 200)
        assert.match(history.html, /second, edited/)
        short(history.html)

        const composite = (await client.get(`/${s}/part/`)).html
        const parts = [...new Set(hrefs(composite).filter((href) => /\/part\/row\/~h/.test(href)))]
        assert.equal(parts.length, 2)
        assert.match(parts[1]!, /,2$/)
        assert.match((await client.get(parts[1]!)).html, />two</)

        // One row a page, ordered by the key: the page links cannot carry the long key as a cursor.
        const paged = createAdmin({
          db: connection.db,
          schema,
          checkDrift: false,
          config: { tables: { doc: { pageSize: 1 } } },
        })
        const seen: string[] = []
        let next: string | undefined = `/${s}/doc/`
        while (next && seen.length < 5) {
          const html = await (await paged.request(next)).text()
          short(html)
          seen.push(/<td[^>]*>(?:<[^>]+>)*(first|second, edited|third)</.exec(html)?.[1] ?? '?')
          next = /<a href="([^"]*)" rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
        }
        assert.deepEqual(seen, ['first', 'second, edited', 'third'])

        const binary = (await client.get(`/${s}/bin/`)).html
        short(binary)
        const blobs = [...new Set(hrefs(binary).filter((href) => /\/bin\/row\/~h/.test(href)))]
        assert.equal(blobs.length, 2)
        for (const [i, link] of blobs.entries()) {
          const page = await client.get(link)
          assert.equal(page.status, 200, link)
          assert.ok(page.html.includes(['>one<', '>two<'][i]!), link)
        }

        const remove = readForm((await client.get(`${linkA}/delete`)).html, '/delete')
        await client.follow(await client.post(remove.action, remove.pairs))
        assert.deepEqual(await body(), [
          [keyB.length, 'second, edited'],
          [5, 'third'],
        ])
        const gone = await client.get(`${linkA}/history`)
        assert.equal(gone.status, 200, 'a deleted row keeps its history under the same short URL')
        assert.match(gone.html, /Deleted by/)
        assert.equal((await client.get(linkA)).status, 404)
      } finally {
        await connection.close()
        await testDb.drop()
      }
    })
  }
})
