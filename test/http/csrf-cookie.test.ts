import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { csrfCookie, csrfField } from '../../src/http/middleware/csrf.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { createSqliteDb, type TestDb } from '../helpers/test-db.js'

const setup = `create table notes (id integer primary key, body text not null);
  insert into notes values (1, 'first');`

describe('the CSRF cookie', () => {
  let testDb: TestDb
  let connection: Connection
  let schema: SchemaMetadata
  before(async () => {
    testDb = await createSqliteDb(setup)
    connection = await connect(testDb.url)
    schema = await connection.dialect.introspect(connection.db)
  })
  after(async () => {
    await connection.close()
    await testDb.drop()
  })

  const admin = () => createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test' })
  const tokenOf = (html: string) => new RegExp(`name="${csrfField}" value="([^"]*)"`).exec(html)?.[1]
  const csrfCookies = (res: Response) => res.headers.getSetCookie().filter((c) => c.startsWith(`${csrfCookie}=`))

  it('is set once per browser: a request that carries a valid one gets no Set-Cookie', async () => {
    const app = admin()
    const first = await app.request('/main/notes/row/1/edit')
    const [set] = csrfCookies(first)
    assert.ok(set, 'a first visit gets the cookie')
    assert.match(set, /; HttpOnly/)
    assert.match(set, /; SameSite=Lax/)
    assert.match(set, /; Path=\//)
    const cookie = set.split(';')[0]!
    const token = tokenOf(await first.text())
    assert.ok(token && decodeURIComponent(cookie).includes(`=${token}.`), 'the form repeats the cookie’s token')
    for (const path of ['/', '/main/notes/', '/main/notes/row/1/edit', '/main/nope/']) {
      const again = await app.request(path, { headers: { cookie } })
      assert.equal(again.headers.get('set-cookie'), null, path)
      if (again.status === 200) assert.equal(tokenOf(await again.text()) ?? token, token, path)
    }
  })

  it('a cookie that is not validly signed is replaced, and a post that relies on it is refused', async () => {
    const app = admin()
    const forged = `${csrfCookie}=guessed`
    const page = await app.request('/main/notes/row/1/edit', { headers: { cookie: forged } })
    const [set] = csrfCookies(page)
    assert.ok(set, 'a new cookie replaces the forged one')
    assert.notEqual(tokenOf(await page.text()), 'guessed')
    const post = await app.request('/main/notes/row/1/edit', {
      method: 'POST',
      headers: { cookie: forged, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ [csrfField]: 'guessed', 'v:body': 'forged' }).toString(),
    })
    assert.equal(post.status, 403)
    const { rows } = await sql<{ body: string }>`select body from notes where id = 1`.execute(connection.db)
    assert.equal(rows[0]!.body, 'first', 'nothing was written')
  })
})
