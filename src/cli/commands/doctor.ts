import { connect } from '../../db/connect.js'
import { adviseIndexes, type TableAdvice } from '../../list/index-advice.js'
import { buildResources } from '../../resources/build-resources.js'
import { parseOptions, UsageError, type Command } from '../command.js'
import { loadConfig } from '../serve-admin.js'

const usage = `Usage: steward doctor --db URL [options]

Lists, for each big table, the searches, filters, default ordering and foreign keys that no index
serves (each of them reads every row of the table), with the CREATE INDEX that would help. It only
reads the catalog: it never creates an index. Review the statements and run the ones you want.

Options:
  --db URL          postgres://…, sqlite:PATH or file:PATH (required)
  --config FILE     a module exporting defineConfig({…}) (default: steward.config.ts when present)
  --schemas a,b     Postgres schemas to read (default: all non-system schemas)
  --min-rows N      what counts as big (default 10000 rows)`

export const command: Command = {
  usage,
  async run(args) {
    const values = parseOptions(args, {
      db: { type: 'string' },
      config: { type: 'string' },
      schemas: { type: 'string' },
      'min-rows': { type: 'string', default: '10000' },
    })
    if (!values.db) throw new UsageError('--db URL is required (postgres://…, sqlite:PATH or file:PATH)')
    const minRows = Number(values['min-rows'])
    if (!Number.isSafeInteger(minRows) || minRows < 0) throw new UsageError('--min-rows takes a whole number')
    const config = await loadConfig(values.config)
    const { db, dialect, target, close } = await connect(values.db, { readOnly: true })
    try {
      const schemas =
        values.schemas
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean) ?? []
      const schema = await dialect.introspect(db, { schemas })
      const resources = buildResources(schema, config, { defaultSchema: dialect.defaultSchema })
      const [estimates, kinds] = await Promise.all([
        dialect.readRowEstimates(db),
        dialect.indexAdvisor.readIndexKinds(db),
      ])
      const rows = new Map(estimates.map((e) => [`${e.schema}.${e.name}`, e.estimate]))
      const tables = adviseIndexes(resources, { advisor: dialect.indexAdvisor, kinds, rows, minRows })
      console.log(report(target.display, tables, minRows))
      return 0
    } finally {
      await close()
    }
  },
}

function report(database: string, tables: readonly TableAdvice[], minRows: number): string {
  const count = (n: number) => n.toLocaleString('en-US')
  const lines = [
    `${database}: ${tables.length} table${tables.length === 1 ? '' : 's'} with ${count(minRows)} rows or more`,
  ]
  for (const { resource, rows, advice } of tables) {
    lines.push(
      '',
      `${resource.id} (about ${count(rows)} rows)${advice.length === 0 ? ': every search, filter, ordering and foreign key has an index' : ''}`,
    )
    for (const item of advice) {
      lines.push(`  ${item.purpose.padEnd(8)}${item.columns.join(', ')}: ${item.problem}`)
      for (const statement of item.statements) lines.push(`    ${statement}`)
    }
  }
  if (tables.some((table) => table.advice.some((item) => item.statements.length > 0)))
    lines.push('', 'Steward never creates an index: review these statements and run the ones you want.')
  return lines.join('\n')
}
