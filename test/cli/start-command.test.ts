import assert from 'node:assert/strict'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { printedUrl } from '../helpers/printed-url.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

const bin = fileURLToPath(new URL('../../bin/steward.js', import.meta.url))

/** `steward start` in `dir`, once it prints its address. */
async function startIn(
  dir: string,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: string; errors: () => string }> {
  const child = spawn(process.execPath, [bin, 'start', '--port', '0'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
  const printed = printedUrl(child, 60_000)
  const url = await printed.url.catch((error: Error) => {
    throw new Error(`${error.message} ${errors}`)
  })
  return { child, url, output: printed.output(), errors: () => errors }
}

/** Logs in over real HTTP as a browser would (login page, then the form post); returns the Cookie header to send. */
async function logIn(url: string, name: string, password: string): Promise<string> {
  const page = await fetch(`${url}login`)
  const csrfCookie = page.headers.getSetCookie().map((line) => line.split(';')[0]!)
  const token = new RegExp(`name="${csrfField}" value="([^"]*)"`).exec(await page.text())?.[1] ?? ''
  const res = await fetch(`${url}login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: csrfCookie.join('; '), Origin: new URL(url).origin },
    body: new URLSearchParams({ [csrfField]: token, name, password }),
  })
  assert.equal(res.status, 303, 'logged in')
  const session = res.headers.getSetCookie().find((line) => line.startsWith('steward-session='))
  assert.ok(session)
  return session.split(';')[0]!
}

// What `npm start` runs, in an empty folder: demo database, generated/, cookie key, audit file, demo login, then serving.
describe('steward start', () => {
  it('builds what is missing, prints the demo login once, serves the demo and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-start-'))
    let child: ChildProcessWithoutNullStreams | undefined
    try {
      const first = await startIn(dir)
      child = first.child
      const { url, output } = first
      assert.match(output, /Creating the demo database data\/demo\.db/)
      assert.match(output, /Wrote generated\/ for 11 tables/)
      assert.ok(existsSync(join(dir, 'data', 'demo.db')))
      assert.ok(existsSync(join(dir, 'data', 'accounts.db')))
      assert.equal(statSync(join(dir, 'data', '.steward-secret')).mode & 0o777, 0o600)
      assert.doesNotMatch(first.errors(), /STEWARD_SECRET is not set/)
      const password = /printed once: keep it\):\s+name:\s+admin\s+password:\s+(\S+)/.exec(output)?.[1]
      assert.ok(password, `the demo login is printed: ${output}`)
      assert.equal((await fetch(`${url}main/orders/`, { redirect: 'manual' })).status, 303, 'login first')
      const cookie = await logIn(url, 'admin', password)
      const page = await fetch(`${url}main/orders/`, { headers: { Cookie: cookie } })
      assert.equal(page.status, 200)
      assert.match(await page.text(), /<h1[^>]*>Orders<\/h1>/)
      child.kill('SIGTERM')
      const [code] = await once(child, 'exit')
      assert.equal(code, 0)

      // A second start finds the login there and does not print it again.
      const second = await startIn(dir)
      child = second.child
      assert.doesNotMatch(second.output, /password/)
      await logIn(second.url, 'admin', password)
      child.kill('SIGTERM')
      await once(child, 'exit')
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
