import { sql, type Kysely } from 'kysely'
import type { Table } from '../introspect/metadata.js'
import { auditTableId, type AuditLog } from './audit-log.js'
import { byColumn } from '../records/by-column.js'

/** `action`: a custom action ran on the row (its name in the entry's note, its changes as an update's). */
export type AuditAction = 'create' | 'update' | 'delete' | 'action'

type TableRef = Pick<Table, 'schema' | 'name'>

/** The audit log plus who is acting and why: what a write needs to record its entry in its own transaction. */
export interface AuditRecorder {
  readonly log: AuditLog
  readonly actor: string | null
  /** What the user typed as the reason for the change; stored with every entry the write makes. */
  readonly reason?: string | null
}

export interface AuditEntry {
  readonly table: TableRef
  /** The key's text form (`recordKeyText`). */
  readonly recordKey: string
  readonly action: AuditAction
  /** update and action: `{column: [before, after]}`; create: the values written; delete: the row as it was. */
  readonly changes: Readonly<Record<string, unknown>>
  /** Why the row changed when nobody edited it, e.g. `cascaded from customer 1`. */
  readonly note?: string | null
}

/** Thrown when the entry cannot be written: the write it belongs to must roll back with it. */
export class AuditFailed extends Error {
  override name = 'AuditFailed'
  constructor(override readonly cause: unknown) {
    super('The change was not saved because its audit entry could not be written. Nothing was changed.')
  }
}

/** Inserts one entry; call it inside the write's transaction (`trx`). */
export async function writeAuditEntry(trx: Kysely<any>, audit: AuditRecorder, entry: AuditEntry): Promise<void> {
  try {
    await sql`insert into ${auditTableId(audit.log)}
      (at, actor, table_schema, table_name, record_key, action, changes, note, reason)
      values (${new Date().toISOString()}, ${audit.actor}, ${entry.table.schema}, ${entry.table.name},
        ${entry.recordKey}, ${entry.action}, ${JSON.stringify(jsonSafe(entry.changes))}, ${entry.note ?? null},
        ${audit.reason ?? null})`.execute(trx)
  } catch (error) {
    throw new AuditFailed(error)
  }
}

/** A value as JSON keeps it: bigint and decimal as strings, bytes as `\x…` hex, dates as ISO text. */
export function jsonSafe(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonSafe(v)]))
  return value
}

/** `{column: [before, after]}` for the columns whose value really changed (compared as JSON keeps them). */
export function updateChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, [unknown, unknown]> {
  const changes = byColumn<[unknown, unknown]>()
  for (const name of Object.keys(after)) {
    const was = jsonSafe(before[name])
    const now = jsonSafe(after[name])
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[name] = [was, now]
  }
  return { ...changes }
}
