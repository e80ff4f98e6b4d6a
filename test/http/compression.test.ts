import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { chooseEncoding } from '../../src/http/middleware/compression.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { createSqliteDb, type TestDb } from '../helpers/test-db.js'

const setup = `
  create table notes (id integer primary key, body text not null);
  with recursive n(i) as (select 1 union all select i + 1 from n where i < 200)
  insert into notes (body) select 'note number ' || i from n;
  create table long_notes (id integer primary key, body text not null);
  insert into long_notes (body) values (replace(hex(zeroblob(100000)), '00', 'word '));
`

const decoders: Readonly<Record<string, (bytes: Buffer) => Buffer>> = {
  gzip: gunzipSync,
  br: brotliDecompressSync,
}

describe('compressed responses', () => {
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
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer())

  it('pages: brotli or gzip as the client accepts, the same HTML once decoded; plain without Accept-Encoding', async () => {
    const app = admin()
    const first = await app.request('/main/notes/')
    // The same cookie on every request, so that every answer carries the same token.
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!
    const plain = await app.request('/main/notes/', { headers: { cookie } })
    assert.equal(plain.headers.get('content-encoding'), null)
    assert.match(plain.headers.get('vary') ?? '', /accept-encoding/i)
    const html = await bytes(plain)
    assert.ok(html.length > 10_000, `a page big enough to compress (${html.length} bytes)`)
    for (const [accept, encoding] of [
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
    ] as const) {
      const res = await app.request('/main/notes/', { headers: { cookie, 'accept-encoding': accept } })
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-encoding'), encoding, accept)
      assert.match(res.headers.get('vary') ?? '', /accept-encoding/i)
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
      assert.equal(res.headers.get('cache-control'), 'no-store')
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/)
      const body = await bytes(res)
      assert.ok(body.length < html.length / 4, `${accept}: ${body.length} of ${html.length} bytes`)
      assert.equal(decoders[encoding]!(body).toString(), html.toString(), accept)
    }
    const refused = await app.request('/main/notes/', { headers: { cookie, 'accept-encoding': 'gzip;q=0, br;q=0' } })
    assert.equal(refused.headers.get('content-encoding'), null)
    assert.equal((await bytes(refused)).toString(), html.toString())
  })

  it("a page over 256 KB (compressed in zlib's thread pool, not inline) decodes to the same HTML", async () => {
    const app = admin()
    const first = await app.request('/main/long_notes/row/1')
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!
    const html = await bytes(await app.request('/main/long_notes/row/1', { headers: { cookie } }))
    assert.ok(html.length > 256 * 1024, `a page over 256 KB (${html.length} bytes)`)
    for (const encoding of ['gzip', 'br']) {
      const res = await app.request('/main/long_notes/row/1', { headers: { cookie, 'accept-encoding': encoding } })
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-encoding'), encoding)
      assert.equal(decoders[encoding]!(await bytes(res)).toString(), html.toString(), encoding)
    }
  })

  it('error pages are compressed too; answers under 1 KB are not', async () => {
    const app = admin()
    const missing = await app.request('/main/nope/', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(missing.status, 404)
    assert.equal(missing.headers.get('content-encoding'), 'gzip')
    assert.match(gunzipSync(await bytes(missing)).toString(), /There is no table/)
    const lookup = await app.request('/main/notes/lookup?q=17', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(lookup.status, 200)
    const json = await bytes(lookup)
    assert.ok(json.length < 1024, `a small answer (${json.length} bytes)`)
    assert.equal(lookup.headers.get('content-encoding'), null)
    assert.ok(JSON.parse(json.toString()).results.length > 0)
  })

  it('the stylesheet and the script: compressed once, sent by Accept-Encoding, still cached for a year', async () => {
    const app = admin()
    const html = await (await app.request('/')).text()
    const assets = [...html.matchAll(/(?:href|src)="(\/static\/steward-[0-9a-f]+\.(?:css|js))"/g)].map((m) => m[1]!)
    assert.equal(assets.length, 2, 'the page links a stylesheet and a script (run npm run build:css)')
    for (const asset of assets) {
      const plain = await app.request(asset)
      assert.equal(plain.headers.get('content-encoding'), null)
      assert.equal(plain.headers.get('vary'), 'Accept-Encoding')
      const original = await bytes(plain)
      for (const encoding of ['br', 'gzip']) {
        const res = await app.request(asset, { headers: { 'accept-encoding': `${encoding}, deflate` } })
        assert.equal(res.status, 200)
        assert.equal(res.headers.get('content-encoding'), encoding)
        assert.equal(res.headers.get('vary'), 'Accept-Encoding')
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable')
        assert.equal(res.headers.get('set-cookie'), null)
        const body = await bytes(res)
        assert.ok(body.length < original.length / 2, `${asset} ${encoding}: ${body.length} of ${original.length}`)
        assert.deepEqual(decoders[encoding]!(body), original)
      }
    }
  })

  it('a CSV export still streams, uncompressed, whatever the client accepts', async () => {
    const res = await admin().request('/main/notes/export.csv', { headers: { 'accept-encoding': 'gzip, br' } })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-encoding'), null)
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/)
    const reader = res.body!.getReader()
    const chunks: Uint8Array[] = []
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(chunk.value)
    assert.ok(chunks.length > 1, `row batches arrive as they are read (${chunks.length} chunks)`)
    const text = Buffer.concat(chunks).toString()
    assert.match(text, /note number 200/)
  })

  it('chooseEncoding follows the q values, brotli on a tie, nothing for q=0 or unknown encodings', () => {
    assert.equal(chooseEncoding(undefined), null)
    assert.equal(chooseEncoding(''), null)
    assert.equal(chooseEncoding('identity'), null)
    assert.equal(chooseEncoding('deflate'), null)
    assert.equal(chooseEncoding('gzip'), 'gzip')
    assert.equal(chooseEncoding('GZIP'), 'gzip')
    assert.equal(chooseEncoding('gzip, br'), 'br')
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip')
    assert.equal(chooseEncoding('br;q=0.2, gzip;q=0.8'), 'gzip')
    assert.equal(chooseEncoding('*'), 'br')
    assert.equal(chooseEncoding('*;q=0'), null)
    assert.equal(chooseEncoding('br;q=0, *'), 'gzip')
  })
})
