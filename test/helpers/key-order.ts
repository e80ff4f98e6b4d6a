import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import type { StewardConfig } from '../../src/resources/define-config.js'

/**
 * `config` with every table in its key's order (`ordering: []`) unless the config orders it itself: for suites
 * about paging, links or writes that were written before lists went newest first by default.
 */
export function keyOrder(schema: SchemaMetadata, config: StewardConfig = {}): StewardConfig {
  const tables = Object.fromEntries(
    schema.tables.map((table) => [table.name, { ordering: [], ...config.tables?.[table.name] }]),
  )
  return { ...config, tables }
}
