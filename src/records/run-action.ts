import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely'
import { AuditFailed, updateChanges, writeAuditEntry, type AuditRecorder } from '../audit/audit-entry.js'
import { isReadingAction, type Principal } from '../auth/permissions.js'
import type { DatabaseError } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import { matchColumns, selectList, tableId } from '../list/sql-identifiers.js'
import { Refusal } from '../resources/behaviour.js'
import { rowidAlias, type Resource } from '../resources/resource.js'
import type { NamedAction } from '../resources/table-actions.js'
import { rowKeyColumns, rowRefText } from './record-ref.js'
import { rowSource, ScopeFailed, type Reader } from './scoped-from.js'
import type { RecordTarget } from './resolve-record-ref.js'
import { writeMessages } from './write-messages.js'
import { withWriteTransaction, WriteRefused } from './write-transaction.js'

export interface RunActionOptions {
  readonly dialect: Dialect
  readonly resource: Resource
  readonly action: NamedAction
  /** The rows it runs on, as the request named them. */
  readonly targets: readonly RecordTarget[]
  readonly user: Principal | null
  /** The action's form, already parsed by its schema; undefined without one. */
  readonly input: unknown
  readonly audit: AuditRecorder | null
}

export type RunActionResult =
  /** `message`: what `run` returned; `missing`: the keys (text form) of rows that no longer existed. */
  | { readonly status: 'done'; readonly message: string | null; readonly count: number; readonly missing: string[] }
  /**
   * A `Refusal` from `run` (with the form field it names, if any), or Steward's own (no row left, a key
   * matching several rows, the audit entry).
   */
  | { readonly status: 'refused'; readonly message: string; readonly field?: string; readonly cause?: unknown }
  /** The database refused a statement of the action (a constraint, a lost connection…). */
  | { readonly status: 'error'; readonly error: DatabaseError }
  /** `run` threw something else: a bug of the action, for the log. */
  | { readonly status: 'failed'; readonly cause: unknown }

/**
 * Runs a custom action in one write transaction: its rows are read (and, where the dialect locks, locked)
 * inside it, `run` gets them with the transaction, and each row gets an audit entry with what the action
 * changed in it. Whatever `run` throws rolls everything back, audit entries included.
 */
export async function runAction(db: Kysely<any>, options: RunActionOptions): Promise<RunActionResult> {
  const { dialect, resource, action } = options
  try {
    return await withWriteTransaction(db, dialect.name, async (trx): Promise<RunActionResult> => {
      // Rows an action may change are locked; a reading one (`view`, `export`) runs on a read-only
      // database or a view too, where Postgres refuses FOR UPDATE.
      const lock = resource.table.type === 'table' && !isReadingAction(action.spec.permission)
      const { rows, missing } = await readActionRows(trx, {
        dialect,
        resource,
        targets: options.targets,
        lock,
        user: options.user,
      })
      if (rows.length === 0) throw new WriteRefused('not_found', goneMessage(options.targets.length))
      const message = await action.spec.run({
        trx,
        user: options.user,
        table: { schema: resource.table.schema, name: resource.table.name },
        rows: rows.map((found) => found.row),
        input: options.input,
      })
      if (options.audit) {
        const note = `Action “${action.spec.label}” (${action.name})`
        for (const found of rows) {
          // Read whole, not through the scope: a row the action moved out of it still changed.
          const after = await readActionRow(trx, { resource, from: tableId(resource.table), target: found.target })
          // Only the columns the admin shows, as for an edit: a hidden column's values stay out of the log.
          const shown = after ? Object.fromEntries(resource.columns.map((c) => [c.name, after[c.name]])) : null
          const changes = shown ? updateChanges(found.row, shown) : {}
          await writeAuditEntry(trx, options.audit, {
            table: resource.table,
            recordKey: found.key,
            action: 'action',
            changes,
            note: after ? note : `${note}; the row is gone since`,
          })
        }
      }
      return { status: 'done', message: typeof message === 'string' ? message : null, count: rows.length, missing }
    })
  } catch (error) {
    // Not the action's failure: the one error handler shows the scope's own page.
    if (error instanceof ScopeFailed) throw error
    if (error instanceof Refusal)
      return { status: 'refused', message: error.message, ...(error.field ? { field: error.field } : {}) }
    if (error instanceof WriteRefused) return { status: 'refused', message: error.message }
    if (error instanceof AuditFailed) return { status: 'refused', message: error.message, cause: error.cause }
    const mapped = dialect.mapError(error)
    if (mapped) return { status: 'error', error: mapped }
    return { status: 'failed', cause: error }
  }
}

export interface ActionRow {
  /** The row as `run` sees it: every column of the table. */
  readonly row: Readonly<Record<string, unknown>>
  /** Its key's text form (the audit log's record key). */
  readonly key: string
  readonly target: RecordTarget
}

/**
 * The one place an action's rows are read: by key, through the table's row scope for `user`, inside the
 * action's transaction, locked where the dialect locks. A key that matches several rows refuses the whole
 * action; a key that matches none (deleted meanwhile, or outside the scope) is returned in `missing`.
 */
export async function readActionRows(
  trx: Kysely<any>,
  options: {
    readonly dialect: Dialect
    readonly resource: Resource
    readonly targets: readonly RecordTarget[]
    /** Lock the rows read (with the dialect's `lockForUpdate`) until the transaction ends. */
    readonly lock: boolean
    readonly user: Reader
  },
): Promise<{ rows: ActionRow[]; missing: string[] }> {
  const rows: ActionRow[] = []
  const missing: string[] = []
  const seen = new Set<string>()
  for (const target of options.targets) {
    const lock = options.lock ? options.dialect.lockForUpdate : sql``
    const from = rowSource(trx, options.resource, options.user)
    const row = await readActionRow(trx, { resource: options.resource, from, target, lock })
    if (!row) {
      missing.push(target.text)
      continue
    }
    const key = rowRefText(options.resource, row)
    if (seen.has(key)) continue
    seen.add(key)
    rows.push({ row: withoutRowid(row), key, target })
  }
  return { rows, missing }
}

async function readActionRow(
  trx: Kysely<any>,
  options: {
    readonly resource: Resource
    /** The table, or its scoped rows (`rowSource`). */
    readonly from: Expression<unknown>
    readonly target: RecordTarget
    readonly lock?: RawBuilder<unknown>
  },
): Promise<Record<string, unknown> | undefined> {
  const { resource, target, lock = sql`` } = options
  const names = [...resource.table.columns.map((column) => column.name), ...rowKeyColumns(resource)]
  const found = (
    await sql<Record<string, unknown>>`select ${selectList(resource, names)} from ${options.from}
      where ${matchColumns(target.columns, target.values)} limit 2${lock}`.execute(trx)
  ).rows
  if (found.length > 1) throw new WriteRefused('ambiguous', writeMessages.ambiguous)
  return found[0]
}

function withoutRowid(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { [rowidAlias]: _rowid, ...columns } = row
  return columns
}

function goneMessage(count: number): string {
  return count === 1
    ? 'This row no longer exists (it was deleted meanwhile), so the action did not run.'
    : 'None of the selected rows exist any more (they were deleted meanwhile), so the action did not run.'
}
