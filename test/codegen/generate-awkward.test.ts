import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { checkGenerated, generate } from '../../src/codegen/generate.js'
import { readGeneratedSchema } from '../../src/codegen/read-generated-schema.js'
import { dialects, type TestDb } from '../helpers/test-db.js'
import { readTree, removeDir, tempOutDir, typecheck } from './codegen-helpers.js'

// The introspection tests' awkward fixtures (every key shape, type and odd name), and tables named like what
// every JavaScript object inherits: whatever they hold, the generated code must typecheck, be stable and match
// the database.
for (const { name: dialect, create } of dialects) {
  describe(`steward generate over the ${dialect} introspection fixture`, () => {
    let db: TestDb
    let out: string
    before(async () => {
      const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
      db = await create(`${fixture(`awkward-${dialect}.sql`)}\n${fixture('prototype-names.sql')}`)
      out = tempOutDir(`awkward-${dialect}`)
    })
    after(async () => {
      await db?.drop()
      if (out) removeDir(out)
    })

    it('generates code that typechecks, one module per table and view', async () => {
      const result = await generate({ db: db.url, out })
      const { schema } = readGeneratedSchema(out)
      assert.ok(result.tables > 5)
      assert.equal(schema.tables.length, result.tables)
      assert.equal([...readTree(out).keys()].filter((path) => path.startsWith('tables/')).length, result.tables)
      const checked = typecheck(out)
      assert.ok(checked.ok, checked.output)
    })

    it('is stable: a second run writes nothing and --check finds no drift', async () => {
      const again = await generate({ db: db.url, out })
      assert.deepEqual(again.written, [])
      assert.deepEqual(await checkGenerated({ db: db.url, out }), {
        outDir: out,
        tables: again.tables,
        differences: [],
        staleFiles: [],
      })
    })
  })
}
