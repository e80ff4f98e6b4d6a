import type { Table } from '../introspect/metadata.js'
import { generatedHeader } from './generated-header.js'

/**
 * `index.ts`, the registry: every table module keyed by `schema.table` (also in the default schema, so
 * a key never depends on which schema is the default), plus `schema` and the `DB` type.
 */
export function renderIndex(tables: readonly Table[], modulePaths: readonly string[]): string {
  const imports = modulePaths.map((path, i) => `import * as t${i} from '${path}'`)
  const entries = tables.map((table, i) => `  ${JSON.stringify(`${table.schema}.${table.name}`)}: t${i},`)
  return [
    generatedHeader,
    ...imports,
    '',
    "export type { DB } from './db.js'",
    "export { schema } from './schema.js'",
    '',
    '/** Every table and view module, keyed by `schema.table`. */',
    entries.length > 0
      ? `export const tables = {\n${entries.join('\n')}\n} as const`
      : 'export const tables = {} as const',
    '',
    'export type TableKey = keyof typeof tables',
    '',
  ].join('\n')
}
