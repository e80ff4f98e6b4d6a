import { relative } from 'node:path'
import { formatDifferences } from '../../codegen/diff-metadata.js'
import { checkGenerated, generate, type GenerateOptions } from '../../codegen/generate.js'
import { GeneratedSchemaError } from '../../codegen/read-generated-schema.js'
import { parseOptions, UsageError, type Command } from '../command.js'

const usage = `Usage: steward generate --db URL [options]

Writes the typed DB interface, the schema metadata, one module per table and an index into OUT.

Options:
  --db URL            postgres://…, sqlite:PATH or file:PATH (required)
  --out DIR           output directory (default: generated)
  --schemas a,b       Postgres schemas to read (default: all non-system schemas)
  --include PATTERN   keep only matching tables; repeatable; * and ? wildcards,
                      "name" matches the table name, "schema.name" the qualified name
  --exclude PATTERN   leave matching tables out; repeatable
  --check             write nothing; exit 1 and list the differences when the database
                      no longer matches OUT (same tables as OUT was generated for)`

export const command: Command = {
  usage,
  async run(args) {
    const values = parseOptions(args, {
      db: { type: 'string' },
      out: { type: 'string', default: 'generated' },
      schemas: { type: 'string' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      check: { type: 'boolean', default: false },
    })
    if (!values.db) throw new UsageError('--db URL is required (postgres://…, sqlite:PATH or file:PATH)')
    const options: GenerateOptions = {
      db: values.db,
      out: values.out,
      schemas:
        values.schemas
          ?.split(',')
          .map((schema) => schema.trim())
          .filter(Boolean) ?? [],
      include: values.include ?? [],
      exclude: values.exclude ?? [],
    }
    return values.check ? check(options) : write(options)
  },
}

async function write(options: GenerateOptions): Promise<number> {
  const result = await generate(options)
  const total = result.milliseconds.introspect + result.milliseconds.render + result.milliseconds.write
  const changes = result.written.length + result.removed.length
  console.log(
    `${display(result.outDir)}: ${result.tables} tables; ${result.written.length} files written, ` +
      `${result.removed.length} removed, ${result.unchanged.length} unchanged (${Math.round(total)} ms)`,
  )
  if (changes > 0 && changes <= 20) {
    for (const path of result.written) console.log(`  wrote   ${path}`)
    for (const path of result.removed) console.log(`  removed ${path}`)
  }
  return 0
}

async function check(options: GenerateOptions): Promise<number> {
  let result
  try {
    result = await checkGenerated(options)
  } catch (error) {
    if (!(error instanceof GeneratedSchemaError)) throw error
    console.error(`steward generate --check: ${error.message}`)
    return 1
  }
  const dir = display(result.outDir)
  if (result.differences.length > 0) {
    const count = result.differences.length
    console.error(`${dir} does not match the database (${count} difference${count === 1 ? '' : 's'}):`)
    console.error(formatDifferences(result.differences))
    console.error('Run steward generate to update it.')
    return 1
  }
  if (result.staleFiles.length > 0) {
    console.error(`${dir} matches the database, but these files would be rewritten or removed:`)
    for (const path of result.staleFiles) console.error(`  ${path}`)
    console.error('Run steward generate to update them.')
    return 1
  }
  console.log(`${dir} matches the database (${result.tables} tables)`)
  return 0
}

function display(dir: string): string {
  const path = relative(process.cwd(), dir)
  return path === '' ? '.' : path.startsWith('..') ? dir : path
}
