import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { dialects, type TestDb } from '../helpers/test-db.js'

// Values a list draws into text, attributes (a title, a link, a checkbox's value and label) and a foreign
// key's label: the list's rows are built as strings (issue 9), so each place must escape on its own.
const hostile = `<script>alert("x")</script> & 'quoted'`
const hostileKey = `<b>"k'&`
const long = `${'say "hi" <i>'.repeat(10)}& 'bye'`
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`

const setupSql = `
  create table notes (code text primary key, body text, parent text references notes (code));
  insert into notes values (${quote(hostileKey)}, ${quote(hostile)}, null), ('long', ${quote(long)}, ${quote(hostileKey)});
`

const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

for (const dialect of dialects) {
  describe(`list page escaping on ${dialect.name}`, () => {
    let testDb: TestDb
    let connection: Connection
    let html: string
    before(async () => {
      testDb = await dialect.create(setupSql)
      connection = await connect(testDb.url)
      const schema = await connection.dialect.introspect(connection.db)
      const app = createAdmin({ db: connection.db, schema, checkDrift: false })
      const res = await app.request(`/${connection.dialect.defaultSchema}/notes/`)
      assert.equal(res.status, 200)
      html = await res.text()
    })
    after(async () => {
      await connection?.close()
      await testDb?.drop()
    })

    it('no value comes out as markup', () => {
      assert.ok(!html.includes('<script>alert'), 'a <script> value is escaped')
      assert.ok(!html.includes('<b>'), 'a <b> key is escaped')
      assert.ok(!html.includes('<i>'), 'a long value is escaped')
    })

    it('a cell shows the value escaped, quotes included', () => {
      assert.ok(html.includes(`>${escaped(hostile)}<`), 'cell text')
    })

    it('attributes carry their values escaped', () => {
      // The selection box names the row by its key; the long value's full text is the cell's title.
      assert.ok(html.includes(`aria-label="Select row ${escaped(hostileKey)}"`), 'checkbox label')
      assert.ok(html.includes(`title="${escaped(long)}"`), 'title of a shortened value')
      const values = [...html.matchAll(/<input type="checkbox" name="key" value="([^"]*)"/g)].map((m) => m[1])
      assert.equal(values.length, 2)
      for (const link of html.matchAll(/<a href="([^"]*)"/g)) assert.ok(!/[<>"']/.test(link[1]!), link[1])
    })
  })
}
