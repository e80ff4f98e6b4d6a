import type { Kysely } from 'kysely'
import type { Table } from '../introspect/metadata.js'
import type { AuditAction } from './audit-entry.js'
import { readAuditFeed } from './audit-feed.js'
import type { AuditLog } from './audit-log.js'

type TableRef = Pick<Table, 'schema' | 'name'>

export interface AuditRecord {
  readonly id: string
  readonly at: string
  readonly actor: string | null
  readonly action: AuditAction
  readonly changes: Readonly<Record<string, unknown>>
  readonly note: string | null
  /** Why the user made the change, as they typed it; null when they gave none. */
  readonly reason: string | null
}

/** A record's entries, newest first, at most `limit`: the audit feed narrowed to one record. */
export function readHistory(
  db: Kysely<any>,
  log: AuditLog,
  table: TableRef,
  recordKey: string,
  limit: number,
): Promise<AuditRecord[]> {
  return readAuditFeed(db, log, { filter: { table, recordKey }, tables: [table], limit })
}
