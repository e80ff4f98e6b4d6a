import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../bin/steward.js', import.meta.url))

// What `npm start` runs, in an empty folder: demo database, generated/, cookie key, audit file, then serving.
describe('steward start', () => {
  it('builds what is missing, serves the demo and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-start-'))
    const child = spawn(process.execPath, [bin, 'start', '--port', '0'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let output = ''
      let errors = ''
      child.stdout.setEncoding('utf8')
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${output} ${errors}`)), 60_000)
        child.stdout.on('data', (chunk: string) => {
          output += chunk
          const found = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
          if (found && found[1] !== '0') {
            clearTimeout(timer)
            resolve(found[0])
          }
        })
      })
      assert.match(output, /Creating the demo database data\/demo\.db/)
      assert.match(output, /Wrote generated\/ for 11 tables/)
      assert.ok(existsSync(join(dir, 'data', 'demo.db')))
      assert.equal(statSync(join(dir, 'data', '.steward-secret')).mode & 0o777, 0o600)
      assert.doesNotMatch(errors, /STEWARD_SECRET is not set/)
      const page = await fetch(`${url}main/orders/`)
      assert.equal(page.status, 200)
      assert.match(await page.text(), /<h1[^>]*>Orders<\/h1>/)
      child.kill('SIGTERM')
      const [code] = await once(child, 'exit')
      assert.equal(code, 0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
