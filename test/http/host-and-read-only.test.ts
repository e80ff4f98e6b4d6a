import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { defaultSchema, dialects, type TestDb } from '../helpers/test-db.js'
import { EditClient, readForm } from './edit-client.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

const setup = `create table notes (id integer primary key, body text not null);
  insert into notes values (1, 'first');`

for (const { name: dialect, create } of dialects) {
  describe(`host names and read-only mode on ${dialect}`, () => {
    let db: TestDb
    let connection: Connection
    let schema: SchemaMetadata
    const s = defaultSchema[dialect]
    before(async () => {
      db = await create(setup)
      connection = await connect(db.url)
      schema = await connection.dialect.introspect(connection.db)
    })
    after(async () => {
      await connection?.close()
      await db?.drop()
    })

    it('answers only to its own host names: a rebound name gets 421 before any page or write', async () => {
      const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' })
      for (const host of ['localhost', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST'])
        assert.equal((await admin.request(`http://${host}/${s}/notes/`)).status, 200, host)
      const rebound = await admin.request('http://rebind.attacker.example/', {
        headers: { Host: 'rebind.attacker.example' },
      })
      assert.equal(rebound.status, 421)
      assert.doesNotMatch(await rebound.text(), /notes/)
      const forged = await admin.request(`http://rebind.attacker.example/${s}/notes/row/1/delete`, {
        method: 'POST',
        headers: { Host: 'rebind.attacker.example', Origin: 'http://rebind.attacker.example' },
        body: new URLSearchParams({ [csrfField]: 'x' }),
      })
      assert.equal(forged.status, 421)
      const { rows } = await sql`select * from notes`.execute(connection.db)
      assert.equal(rows.length, 1, 'nothing was deleted')
    })

    it('answers to configured names, or to any with "*"', async () => {
      const named = createAdmin({ db: connection.db, schema, checkDrift: false, allowedHosts: ['admin.example.com'] })
      assert.equal((await named.request('https://admin.example.com/')).status, 200)
      assert.equal((await named.request('http://localhost/')).status, 421)
      const any = createAdmin({ db: connection.db, schema, checkDrift: false, allowedHosts: '*' })
      assert.equal((await any.request('http://whatever.example/')).status, 200)
    })

    it('marks pages no-store, and keeps long-lived caching for fingerprinted assets', async () => {
      const admin = createAdmin({ db: connection.db, schema, checkDrift: false })
      const page = await admin.request('/')
      assert.equal(page.headers.get('cache-control'), 'no-store')
      const css = /href="(\/static\/[^"]+\.css)"/.exec(await page.text())![1]!
      assert.match((await admin.request(css)).headers.get('cache-control') ?? '', /immutable/)
    })

    it('read-only mode: the database refuses writes, and the admin offers and accepts none', async () => {
      const readOnly = await connect(db.url, { readOnly: true })
      try {
        await assert.rejects(sql`update notes set body = 'changed'`.execute(readOnly.db))
        await assert.rejects(sql`insert into notes values (2, 'second')`.execute(readOnly.db))
        const admin = createAdmin({ db: readOnly.db, schema, checkDrift: false, secret: 'test', readOnly: true })
        const client = new EditClient(admin)
        const detail = await client.get(`/${s}/notes/row/1`)
        assert.equal(detail.status, 200)
        assert.doesNotMatch(detail.html, /row\/1\/(edit|delete)"/)
        assert.match(detail.html, /Read-only: this admin shows the data but changes nothing/)
        assert.equal((await client.get(`/${s}/notes/row/1/edit`)).status, 403)
        // A forged save (a form taken from a writable admin) is refused before it reaches the database.
        const writable = new EditClient(createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' }))
        const form = readForm((await writable.get(`/${s}/notes/row/1/edit`)).html, '/edit')
        for (const [name, value] of writable.cookies) client.cookies.set(name, value)
        const pairs = form.pairs.map(([k, v]) => [k, k === 'v:body' ? 'forged' : v] as const)
        assert.equal((await client.post(form.action, pairs)).status, 403)
        const { rows } = await sql<{ body: string }>`select body from notes where id = 1`.execute(connection.db)
        assert.equal(rows[0]!.body, 'first')
      } finally {
        await readOnly.close()
      }
    })
  })
}
