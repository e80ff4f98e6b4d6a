import type { GeneratorDialect } from 'kysely-codegen'
import type { Column, DialectName } from '../introspect/metadata.js'
import { postgresCodegen } from './postgres-codegen.js'
import { sqliteCodegen } from './sqlite-codegen.js'

/**
 * What `steward generate` needs from an engine to type `db.ts`; kept apart from `Dialect` so that only the
 * generator loads kysely-codegen.
 */
export interface CodegenDialect {
  /** kysely-codegen's dialect, its value types adjusted to what `connect()` returns. */
  generator(): GeneratorDialect
  /** The type name kysely-codegen's adapter knows the column by, and whether it is an array of it. */
  columnType(column: Column): { readonly dataType: string; readonly isArray: boolean }
}

const codegenDialects: Readonly<Record<DialectName, CodegenDialect>> = {
  postgres: postgresCodegen,
  sqlite: sqliteCodegen,
}

export function codegenDialectFor(name: DialectName): CodegenDialect {
  return codegenDialects[name]
}
