import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createSqliteDb, defaultSchema, dialects } from '../helpers/test-db.js'
import { printedUrl } from '../helpers/printed-url.js'

const bin = fileURLToPath(new URL('../../bin/steward.js', import.meta.url))

/** Asks the server to stop as a service manager does (SIGTERM) and asserts it exits with 0. */
async function stopsCleanly(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  assert.equal(code, 0)
}

describe('steward serve', () => {
  it('--no-auth: serves the admin on loopback, says on every page that there is no login, stops cleanly on SIGTERM', async () => {
    const testDb = await createSqliteDb(
      `create table notes (id integer primary key, body text); insert into notes values (1, 'hello');`,
    )
    // A TypeScript config in a folder that is no ES module package: loaded all the same.
    const dir = mkdtempSync(join(tmpdir(), 'steward-config-'))
    writeFileSync(join(dir, 'steward.config.ts'), `const title: string = 'Typed title'\nexport default { title }\n`)
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--db', testDb.url, '--port', '0', '--generated', '/nonexistent', '--no-auth'],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    try {
      const printed = printedUrl(child, 20_000)
      const url = await printed.url
      assert.match(printed.output(), /1 tables, from live introspection/)
      const res = await fetch(`${url}main/notes/row/1`)
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.ok(html.includes('hello'))
      assert.match(html, /<title>[^<]*Typed title<\/title>/)
      assert.match(html, /No login: anyone who reaches this address can change data\./)
      await stopsCleanly(child)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      await testDb.drop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("draws a custom page made with the config's own hono (the CLI bundles a copy of its own)", async () => {
    const testDb = await createSqliteDb(`create table notes (id integer primary key, body text);`)
    // Inside the checkout, so that the config's `hono/jsx` is the installed package, not the CLI's bundled copy.
    const outputs = fileURLToPath(new URL('../../test-output/', import.meta.url))
    mkdirSync(outputs, { recursive: true })
    const dir = mkdtempSync(join(outputs, 'steward-config-'))
    writeFileSync(
      join(dir, 'steward.config.mjs'),
      `import { jsx } from 'hono/jsx'\n` +
        `export default { pages: [{ path: '/hello', title: 'Hello', render: () => jsx('p', { id: 'hello' }, 'from the config') }] }\n`,
    )
    const child = spawn(
      process.execPath,
      [
        bin,
        'serve',
        '--db',
        testDb.url,
        '--port',
        '0',
        '--generated',
        '/nonexistent',
        '--no-auth',
        '--config',
        'steward.config.mjs',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    try {
      const url = await printedUrl(child, 20_000).url
      const res = await fetch(`${url}_pages/hello`)
      assert.equal(res.status, 200)
      assert.match(await res.text(), /<p id="hello">from the config<\/p>/)
    } finally {
      child.kill('SIGKILL')
      await testDb.drop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('says what is missing instead of starting', async () => {
    const child = spawn(process.execPath, [bin, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const [code] = await once(child, 'exit')
    assert.equal(code, 2)
    assert.match(stderr, /--db URL is required/)
  })
})

for (const { name: dialect, create } of dialects) {
  describe(`steward serve on ${dialect}`, () => {
    it('answers requests that arrive together as its first, and compresses a page for a browser', async () => {
      const testDb = await create(
        `create table notes (id integer primary key, body text); insert into notes values (1, 'hello'), (2, 'world');`,
      )
      const child = spawn(
        process.execPath,
        [bin, 'serve', '--db', testDb.url, '--port', '0', '--generated', '/nonexistent', '--no-auth'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      try {
        const url = await printedUrl(child, 20_000).url
        const notes = `${url}${defaultSchema[dialect]}/notes/`
        // The server loads its request handling with the first request: both wait for it, neither is lost.
        const [one, two] = await Promise.all([fetch(`${notes}row/1`), fetch(`${notes}row/2`)])
        assert.equal(one.status, 200)
        assert.equal(two.status, 200)
        assert.ok((await one.text()).includes('hello'))
        assert.ok((await two.text()).includes('world'))
        const res = await fetch(notes, { headers: { 'accept-encoding': 'br' } })
        assert.equal(res.status, 200)
        assert.equal(res.headers.get('content-encoding'), 'br')
        // fetch decodes the body as a browser does.
        const html = await res.text()
        assert.ok(html.includes('hello') && html.includes('world'))
        await stopsCleanly(child)
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL')
        await testDb.drop()
      }
    })
  })
}
