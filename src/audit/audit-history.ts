import { sql, type Kysely } from 'kysely'
import type { Table } from '../introspect/metadata.js'
import type { AuditAction } from './audit-entry.js'
import { auditTableId, type AuditLog } from './audit-log.js'

type TableRef = Pick<Table, 'schema' | 'name'>

export interface AuditRecord {
  readonly id: string
  readonly at: string
  readonly actor: string | null
  readonly action: AuditAction
  readonly changes: Readonly<Record<string, unknown>>
  readonly note: string | null
}

/** A record's entries, newest first, at most `limit`. */
export async function readHistory(
  db: Kysely<any>,
  log: AuditLog,
  table: TableRef,
  recordKey: string,
  limit: number,
): Promise<AuditRecord[]> {
  const { rows } = await sql<{
    id: unknown
    at: string
    actor: string | null
    action: AuditAction
    changes: string
    note: string | null
  }>`
    select id, at, actor, action, changes, note from ${auditTableId(log)}
    where table_schema = ${table.schema} and table_name = ${table.name} and record_key = ${recordKey}
    order by id desc limit ${limit}`.execute(db)
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    changes: parseChanges(row.changes),
    note: row.note,
  }))
}

export function parseChanges(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
