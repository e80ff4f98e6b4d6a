import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openAdminDb, suiteFixture } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

// Postgres lets an array be a primary key. The driver returns a JS array; a link names the row by the
// literal its column reads back (`{1,2}`), not by the array's plain text (`1,2`, which no int[] parses).
const setup = `
  create table tagged (id int[] primary key, v text);
  insert into tagged values ('{1,2}', 'one-two'), ('{}', 'empty'), ('{NULL}', 'a null'), ('{-3}', 'minus three');
  create table labelled (id text[] primary key, v text);
  insert into labelled values ('{"a,b","c~d"}', 'commas and tildes'), ('{" "}', 'a space'), ('{"{x}"}', 'braces');
`

describe('rows keyed by a Postgres array', () => {
  const fx = suiteFixture(() => openAdminDb('postgres', setup))
  let client: EditClient
  before(() => {
    client = new EditClient(fx.admin({ secret: 'test' }))
  })
  const values = async (table: string) =>
    (
      await sql<{ id: string; v: string }>`select id::text as id, v from ${sql.table(table)} order by v`.execute(
        fx.connection.db,
      )
    ).rows

  for (const table of ['tagged', 'labelled']) {
    it(`${table}: every row has a link that opens it, and a save there changes that row alone`, async () => {
      const before = await values(table)
      const list = await client.get(`/public/${table}/`)
      const links = [...new Set([...list.html.matchAll(/href="([^"]*\/row\/[^"?]+)(?:\?[^"]*)?"/g)].map((m) => m[1]!))]
        .filter((href) => !href.endsWith('/new'))
        .map((href) => href.replaceAll('&amp;', '&'))
      assert.equal(links.length, before.length)
      for (const link of links) {
        const detail = await client.get(link)
        assert.equal(detail.status, 200, link)
        const row = before.find(({ v }) => detail.html.includes(`>${v}<`))
        assert.ok(row, `${link} shows one of the rows`)
        const form = readForm((await client.get(`${link}/edit`)).html, '/edit')
        const saved = await client.post(form.action, [
          ...withValue(form.pairs, 'v:v', `${row.v}!`),
          ['_action', 'save'],
        ])
        assert.equal(saved.status, 303, link)
      }
      assert.deepEqual(
        await values(table),
        before.map(({ id, v }) => ({ id, v: `${v}!` })),
      )
    })
  }
})
