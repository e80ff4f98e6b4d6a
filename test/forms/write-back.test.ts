import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formFields } from '../../src/forms/form-fields.js'
import { kindOf } from '../../src/kinds/registry.js'
import { rowVersion } from '../../src/records/conflict.js'
import { readRecord } from '../../src/records/read-record.js'
import { updateRecord } from '../../src/records/update-record.js'
import { buildResources } from '../../src/resources/build-resources.js'
import { dialects, suiteFixture } from '../helpers/test-db.js'
import { createEditFixture } from '../http/edit-fixture.js'

// Stronger than "an unchanged form writes nothing": every field is written, from its own form text, and the
// row must come out byte-identical — parse(toInput(v)) stores exactly v, for every kind the fixture holds.
for (const { name: dialect } of dialects) {
  describe(`every column written back from its form text on ${dialect}`, () => {
    const fx = suiteFixture(() => createEditFixture(dialect))

    for (const id of [1, 2]) {
      it(`row ${id}`, async () => {
        const resource = buildResources(fx.schema, {}, { defaultSchema: fx.s }).find(
          (r) => r.table.name === 'everything',
        )!
        // A column without a declared type takes whatever it is given: the form's text would turn 42 into '42'.
        const fields = formFields(resource, 'edit', dialect).filter((f) => !f.readOnly && f.column.kind !== 'unknown')
        const before = await fx.rawRow('everything', id)
        const { row } = await readRecord(fx.connection.db, resource, [id], null)
        const changes: Record<string, unknown> = {}
        for (const { column } of fields) {
          const value = row![column.name]
          if (value === null) {
            changes[column.name] = null
            continue
          }
          const parsed = kindOf(column).parse(kindOf(column).toInput(value, column, dialect), column, dialect)
          assert.ok(parsed.ok, `${column.name}: ${parsed.ok ? '' : parsed.message}`)
          changes[column.name] = parsed.value
        }
        const result = await updateRecord(fx.connection.db, fx.connection.dialect, resource, {
          keyValues: [id],
          version: rowVersion(resource.columns, row!, dialect),
          changes,
        })
        assert.equal(result.status, 'updated')
        assert.equal(Object.keys(changes).length, fields.length)
        assert.deepEqual(await fx.rawRow('everything', id), before)
      })
    }
  })
}
