import type { Kysely } from 'kysely'
import type { IntrospectOptions } from '../db/dialect.js'
import type { SchemaMetadata } from './metadata.js'

export async function introspectSqlite(_db: Kysely<any>, _options: IntrospectOptions = {}): Promise<SchemaMetadata> {
  throw new Error('not written yet')
}
