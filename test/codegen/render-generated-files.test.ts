import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { renderGeneratedFiles } from '../../src/codegen/generate.js'
import { renderKyselyTypes } from '../../src/codegen/kysely-types.js'
import { GeneratedSchemaError, parseGeneratedSchema } from '../../src/codegen/read-generated-schema.js'
import { everyTable } from '../../src/codegen/table-selection.js'
import { writeIfChanged } from '../../src/codegen/write-if-changed.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { normalizeMetadata } from '../../src/introspect/normalize.js'
import { removeDir, tempOutDir, typecheck } from './codegen-helpers.js'
import { column, postgresFixture, table } from './metadata-fixture.js'

const timestamptz = { dataType: 'timestamp with time zone', baseType: 'timestamptz', kind: 'datetime' } as const
const int8 = { dataType: 'bigint', baseType: 'int8', kind: 'bigint' } as const

/** Tables named like the types db.ts declares or uses, in the orders that trip kysely-codegen's symbol table. */
function typeNamedTables(): SchemaMetadata {
  return normalizeMetadata({
    dialect: 'postgres',
    schemas: ['public'],
    tables: [
      table('public', 'Timestamp', [column('id', int8)]),
      table('public', 'timestamp', [column('id', int8)]),
      table('public', 'generated', [column('id', { ...int8, default: '1' })]),
      table('public', 'DB', [column('id')]),
      table('public', 'buffer', [column('data', { dataType: 'bytea', baseType: 'bytea', kind: 'binary' })]),
      table('public', 'zz', [column('at', { ...timestamptz, default: 'now()' }), column('n', int8)]),
      table('public', 'å', [column('id')]),
      table('public', 'z', [column('id')]),
    ],
  })
}

describe('renderGeneratedFiles', () => {
  it('renders the same bytes every time', () => {
    const first = renderGeneratedFiles(postgresFixture(), everyTable)
    const second = renderGeneratedFiles(postgresFixture(), everyTable)
    assert.deepEqual(first, second)
    assert.deepEqual([...first.keys()].slice(0, 2), ['db.ts', 'schema.ts'])
  })

  it('writes schema.ts that reads back to the same metadata and selection', () => {
    const selection = { schemas: ['public'], include: ['user*'], exclude: [] }
    const text = renderGeneratedFiles(postgresFixture(), selection).get('schema.ts')!
    assert.deepEqual(parseGeneratedSchema(text), { schema: postgresFixture(), selection })
  })

  it('refuses a schema.ts it did not write', () => {
    const text = renderGeneratedFiles(postgresFixture(), everyTable).get('schema.ts')!
    assert.throws(() => parseGeneratedSchema(text.replace('// generated', '// edited')), GeneratedSchemaError)
    assert.throws(() => parseGeneratedSchema(text.replace('"dialect"', 'dialect')), /unreadable JSON/)
    assert.throws(() => parseGeneratedSchema(text.replace('"kind":"integer"', '"kind":"integr"')), /unexpected shape/)
  })

  it('orders db.ts by code point, whatever the machine locale', () => {
    const source = renderKyselyTypes(typeNamedTables())
    const keys = [...source.matchAll(/^ {2}("?[^":]+"?): \w+;$/gm)].map((m) => m[1]).slice(-8)
    assert.deepEqual(keys, ['DB', 'Timestamp', 'buffer', 'generated', 'timestamp', 'z', 'zz', '"å"'])
  })

  it('keeps enum values in declared order and types CHECK choices only on text columns', () => {
    const source = renderKyselyTypes(postgresFixture())
    assert.match(source, /\n {2}status: "pending" \| "active" \| "banned";\n/)
    assert.match(source, /\n {2}level: number;\n/)
    assert.match(source, /Login \*\\\/ e-mail/)
  })

  it('typechecks, also for tables named like the types db.ts uses', () => {
    const dir = tempOutDir('render')
    try {
      writeIfChanged(dir, renderGeneratedFiles(postgresFixture(), everyTable))
      writeIfChanged(join(dir, 'typed'), renderGeneratedFiles(typeNamedTables(), everyTable))
      writeFileSync(
        join(dir, 'usage.ts'),
        `import type { Insertable, Selectable } from 'kysely'
        import type { DB } from './typed/db.js'
        export const at: Selectable<DB['zz']>['at'] = '2024-01-01 00:00:00+00'
        export const n: Selectable<DB['zz']>['n'] = '1'
        export const data: Selectable<DB['buffer']>['data'] = Buffer.from('x')
        export const id: Selectable<DB['Timestamp']>['id'] = '12'
        export const when: Date = new Date()
        // @ts-expect-error a timestamp column is text, not a table row
        export const wrong: Selectable<DB['zz']>['at'] = { id: '1' }
        export const newRow: Insertable<DB['generated']> = {}`,
      )
      const result = typecheck(dir)
      assert.ok(result.ok, result.output)
    } finally {
      removeDir(dir)
    }
  })
})
