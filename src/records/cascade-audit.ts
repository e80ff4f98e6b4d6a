import { sql, type Kysely } from 'kysely'
import type { AuditEntry } from '../audit/audit-entry.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'
import type { Resource } from '../resources/resource.js'
import { keysCondition, walkDelete, type Reach } from './delete-preview.js'
import { rowKeyColumns, rowRefText } from './record-ref.js'
import { rowTarget, type RecordTarget } from './resolve-record-ref.js'

export interface CascadeOptions {
  /** Rows recorded one by one per relation; beyond it the deleted row's own entry says how many more went. */
  readonly cap?: number
}

export interface CascadeEntries {
  /** What to record once the row is deleted; `finish` fills in values the database sets (SET DEFAULT). */
  readonly entries: readonly PendingEntry[]
  /** For the deleted row's own entry: what was not recorded one by one; null when everything was. */
  readonly note: string | null
}

export interface PendingEntry {
  readonly entry: AuditEntry
  /** SET DEFAULT: the row to read again after the delete, for its new values of these columns. */
  readonly reread?: { readonly resource: Resource; readonly row: Row; readonly columns: readonly string[] }
}

type Row = Readonly<Record<string, unknown>>

/**
 * The audit entries of the rows a delete takes along (ON DELETE CASCADE, at every depth) or changes
 * (SET NULL / SET DEFAULT), read before the delete in its transaction, so that each such row's history
 * says it went with its parent. Bounded: at most `cap` rows per relation, walked as the preview walks.
 */
export async function cascadeEntries(
  db: Kysely<any>,
  resources: readonly Resource[],
  parent: Resource,
  target: RecordTarget,
  options: CascadeOptions = {},
): Promise<CascadeEntries> {
  const cap = options.cap ?? 1000
  const byTable = new Map(resources.map((resource) => [tableKey(resource.table), resource]))
  const who = `${parent.table.name} ${target.text}`
  const deleted = new Map<string, PendingEntry>()
  const cleared = new Map<string, PendingEntry>()
  const overflow: string[] = []
  const root = { table: parent.table, alias: 't0', condition: keysCondition('t0', [], [target]), depth: 0 }
  const visit = async ({ table, fk, alias, condition }: Reach): Promise<boolean> => {
    const resource = byTable.get(tableKey(table))
    if (!resource || !['cascade', 'set null', 'set default'].includes(fk.onDelete)) return false
    const columns = [...resource.columns.map((column) => column.name), ...rowKeyColumns(resource), ...fk.columns]
    const { rows } = await sql<Row>`select ${selectList(resource, columns)} from ${tableId(table)} as ${sql.id(alias)}
      where ${condition} limit ${cap + 1}`.execute(db)
    const effect = fk.onDelete === 'cascade' ? 'deleted' : 'cleared'
    if (rows.length > cap) overflow.push(`${table.name} (via ${fk.columns.join(', ')}, ${effect})`)
    for (const row of rows.slice(0, cap)) {
      const recordKey = rowRefText(resource, row)
      const id = `${tableKey(table)}\u0000${recordKey}`
      if (fk.onDelete === 'cascade') {
        const changes = Object.fromEntries(resource.columns.map((column) => [column.name, row[column.name]]))
        const note = `cascaded from ${who}`
        deleted.set(id, { entry: { table, recordKey, action: 'delete', changes, note } })
        continue
      }
      const setNull = fk.onDelete === 'set null'
      const changes = Object.fromEntries(fk.columns.map((name) => [name, [row[name], null]]))
      const note = setNull ? `set null by deleting ${who}` : `set to the default by deleting ${who}`
      const entry: AuditEntry = { table, recordKey, action: 'update', changes, note }
      cleared.set(id, setNull ? { entry } : { entry, reread: { resource, row, columns: fk.columns } })
    }
    return rows.length > 0
  }
  const incomplete = await walkDelete(
    db,
    resources.map((resource) => resource.table),
    root,
    {},
    visit,
  )
  // A row both deleted and cleared (two references to the deleted rows) is recorded as deleted.
  const entries = [...deleted.values(), ...[...cleared].filter(([id]) => !deleted.has(id)).map(([, e]) => e)]
  const notes = [
    ...(overflow.length > 0
      ? [
          `More than ${cap.toLocaleString('en-US')} rows were affected in ${overflow.join('; ')}: only the first ${cap.toLocaleString('en-US')} of each have an entry of their own.`,
        ]
      : []),
    ...(incomplete ? ['The chain of related rows was too long to record completely.'] : []),
  ]
  return { entries, note: notes.length > 0 ? notes.join(' ') : null }
}

/** The entries with the values SET DEFAULT wrote, read again after the delete (same transaction). */
export async function finishEntries(db: Kysely<any>, pending: readonly PendingEntry[]): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = []
  for (const { entry, reread } of pending) {
    if (!reread) {
      entries.push(entry)
      continue
    }
    const { resource, row, columns } = reread
    const target = rowTarget(resource, row)
    const { rows } = await sql<Row>`select ${selectList(resource, columns)} from ${tableId(resource.table)}
      where ${matchColumns(target.columns, target.values)} limit 1`.execute(db)
    const found = rows[0]
    const changes = Object.fromEntries(columns.map((name) => [name, [row[name], found ? found[name] : null]]))
    entries.push({ ...entry, changes })
  }
  return entries
}

function tableKey(table: { readonly schema: string; readonly name: string }): string {
  return JSON.stringify([table.schema, table.name])
}
