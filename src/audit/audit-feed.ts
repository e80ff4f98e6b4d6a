import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Table } from '../introspect/metadata.js'
import type { AuditRecord } from './audit-history.js'
import { auditTableId, type AuditLog } from './audit-log.js'

type TableRef = Pick<Table, 'schema' | 'name'>

/** What the audit page filters on; every field is optional. */
export interface AuditFilter {
  readonly actor?: string
  readonly table?: TableRef
  readonly action?: string
  /** One record's entries (its History page). */
  readonly recordKey?: string
  /** First and last day included, `YYYY-MM-DD` (entries carry UTC ISO timestamps, which compare as text). */
  readonly from?: string
  readonly to?: string
  /** Only entries older than this id: the next page. */
  readonly before?: number
}

export interface FeedEntry extends AuditRecord {
  readonly table: TableRef
  readonly recordKey: string
}

export interface FeedOptions {
  readonly filter: AuditFilter
  /** Only entries of these tables (the ones the reader may view), or of any when the reader may view them all. */
  readonly tables: readonly TableRef[] | 'all'
  readonly limit: number
}

/** Entries across records, newest first: the audit page and the index's recent actions. */
export async function readAuditFeed(db: Kysely<any>, log: AuditLog, options: FeedOptions): Promise<FeedEntry[]> {
  const { filter } = options
  const conditions: RawBuilder<unknown>[] = [sql`true`]
  if (options.tables !== 'all') {
    if (options.tables.length === 0) return []
    const oneOf = options.tables.map((t) => sql`(table_schema = ${t.schema} and table_name = ${t.name})`)
    conditions.push(sql`(${sql.join(oneOf, sql` or `)})`)
  }
  if (filter.actor !== undefined) conditions.push(sql`actor = ${filter.actor}`)
  if (filter.table) conditions.push(sql`table_schema = ${filter.table.schema} and table_name = ${filter.table.name}`)
  if (filter.action !== undefined) conditions.push(sql`action = ${filter.action}`)
  if (filter.recordKey !== undefined) conditions.push(sql`record_key = ${filter.recordKey}`)
  if (filter.from !== undefined) conditions.push(sql`at >= ${filter.from}`)
  // The whole last day: every timestamp of it sorts before the day after.
  if (filter.to !== undefined) conditions.push(sql`at < ${dayAfter(filter.to)}`)
  if (filter.before !== undefined) conditions.push(sql`id < ${filter.before}`)
  const { rows } = await sql<{
    id: unknown
    at: string
    actor: string | null
    action: AuditRecord['action']
    changes: string
    note: string | null
    reason: string | null
    table_schema: string
    table_name: string
    record_key: string
  }>`select id, at, actor, action, changes, note, reason, table_schema, table_name, record_key from ${auditTableId(log)}
    where ${sql.join(conditions, sql` and `)} order by id desc limit ${options.limit}`.execute(db)
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    changes: parseChanges(row.changes),
    note: row.note,
    reason: row.reason,
    table: { schema: row.table_schema, name: row.table_name },
    recordKey: row.record_key,
  }))
}

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

function parseChanges(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
