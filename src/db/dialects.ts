import type { DialectName } from '../introspect/metadata.js'
import type { Dialect } from './dialect.js'
import { postgresDialect } from './postgres-dialect.js'
import { sqliteDialect } from './sqlite-dialect.js'

const dialects: Readonly<Record<DialectName, Dialect>> = { postgres: postgresDialect, sqlite: sqliteDialect }

/** The dialect named in metadata, a database URL or a store: what differs about its engine. */
export function dialectFor(name: DialectName): Dialect {
  return dialects[name]
}
