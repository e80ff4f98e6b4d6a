import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { dialects, type TestDb } from '../helpers/test-db.js'
import { createBrowseFixture, type BrowseFixture } from './browse-fixture.js'
import { EditClient } from './edit-client.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

/** The text of a page's main message and problem list, for assertions on what the user reads. */
const text = (html: string) =>
  html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

for (const { name: dialect, create } of dialects) {
  describe(`bad input is a 4xx on ${dialect}`, () => {
    let testDb: TestDb
    let fx: BrowseFixture
    let app: ReturnType<BrowseFixture['admin']>
    let client: EditClient
    let token: string
    before(async () => {
      testDb = await create()
      fx = await createBrowseFixture(testDb)
      // One admin: each signs its CSRF cookie with a key of its own.
      app = fx.admin()
      client = new EditClient(app)
      const page = await client.get(`/${fx.s}/customers/new`)
      token = new RegExp(`name="${csrfField}" value="([^"]*)"`).exec(page.html)?.[1] ?? ''
    })
    after(async () => {
      await fx?.close()
      await testDb?.drop()
    })

    const post = (path: string, type: string, body: string, withToken = true) =>
      app.request(path, {
        method: 'POST',
        body,
        headers: {
          'content-type': type,
          Origin: 'http://localhost',
          Cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(withToken ? { 'x-csrf-token': token } : {}),
        },
      })

    it('answers a JSON body to create, edit or bulk delete with 415 before reading it', async () => {
      for (const path of [`/${fx.s}/customers/new`, `/${fx.s}/customers/row/1/edit`, `/${fx.s}/customers/delete`]) {
        const response = await client.post(path, [])
        assert.notEqual(response.status, 415, 'a form is accepted')
        const json = await post(path, 'application/json', '{"key":["1"],"confirm":"1"}')
        assert.equal(json.status, 415, path)
        assert.match(text(await json.text()), /accepts only HTML form submissions/)
      }
      assert.equal((await client.get(`/${fx.s}/customers/row/1`)).status, 200, 'nothing was deleted')
    })

    it('answers a multipart body it cannot parse with 400', async () => {
      const body = '--b\r\nContent-Disposition: form-data; name="a"b"\r\n\r\nx\r\n--b--\r\n'
      // With the token in a header the route reads the body; without, the CSRF check does.
      for (const withToken of [true, false]) {
        const response = await post(`/${fx.s}/customers/new`, 'multipart/form-data; boundary=b', body, withToken)
        assert.equal(response.status, 400)
        assert.match(text(await response.text()), /could not be read/)
      }
    })

    it('answers a NUL in the search with 400 saying so', async () => {
      const page = await client.get(`/${fx.s}/customers/?q=a%00b`)
      assert.equal(page.status, 400)
      assert.match(text(page.html), /NUL character \(U\+0000\).*&quot;q&quot;/)
    })

    it('answers a key or cursor of the wrong type with a 4xx, never a driver error', async () => {
      // SQLite stores bytes and NUL in any column, so there such a key or position is merely one no row has.
      const sqliteMayHold = ['?after=~x', 'row/a%00b']
      for (const path of ['row/~x', 'row/~x00/edit', 'row/abc', '?after=abc', ...sqliteMayHold]) {
        const page = await client.get(`/${fx.s}/customers/${path}`)
        const least = dialect === 'sqlite' && sqliteMayHold.includes(path) ? 200 : 400
        assert.ok(page.status >= least && page.status < 500, `${path}: ${page.status}`)
      }
    })
  })
}
