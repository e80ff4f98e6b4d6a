import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { checkGenerated } from '../../src/codegen/generate.js'
import { createDemoDatabase } from '../../src/demo/create-demo-database.js'

// `npm start` serves the demo through the committed generated/: it must be exactly what
// `steward generate` writes for the demo database today, or start-up would show every table as drifted.
describe('the committed generated/', () => {
  it('matches a freshly built demo database, file for file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-demo-'))
    try {
      const path = join(dir, 'demo.db')
      await createDemoDatabase(path, { scale: 0.01 })
      const result = await checkGenerated({ db: `sqlite:${path}`, out: 'generated' })
      assert.deepEqual(result.differences, [])
      assert.deepEqual(result.staleFiles, [])
      assert.ok(result.tables > 0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
