import { AuditFailed } from '../audit/audit-entry.js'
import type { DatabaseError } from '../db/database-error.js'
import type { Dialect } from '../db/dialect.js'
import { Refusal } from '../resources/behaviour.js'
import { HookFailed } from './write-hooks.js'
import { WriteRefused } from './write-transaction.js'

/** A write that did not happen: refused by Steward with a message, or by the database with a typed error. */
export type WriteFailure =
  /**
   * `cause`: what the log should get besides the message (the driver's error when the audit entry failed,
   * the error a hook threw). `field`: the column a hook's `Refusal` names, to show the message beside it.
   */
  | { readonly status: 'refused'; readonly message: string; readonly cause?: unknown; readonly field?: string }
  | { readonly status: 'error'; readonly error: DatabaseError }

/**
 * The one mapping from what a write transaction threw to the write's result: Steward's own refusals (a
 * `WriteRefused`, an audit entry that could not be written), a hook's `Refusal` or failure (see `WriteHooks`)
 * with their message, a driver error as the
 * dialect's typed error (see `writeMessages` for what a page says about it). Anything else is a bug: thrown on.
 */
export function writeFailure(error: unknown, dialect: Dialect): WriteFailure {
  if (error instanceof WriteRefused) return { status: 'refused', message: error.message }
  if (error instanceof Refusal) {
    return { status: 'refused', message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }
  }
  if (error instanceof HookFailed) return { status: 'refused', message: error.message, cause: error.cause }
  if (error instanceof AuditFailed) {
    // The audit insert rolled the write back: the page says so, the driver's text goes to the log.
    return { status: 'refused', message: error.message, cause: error.cause }
  }
  const mapped = dialect.mapError(error)
  if (mapped) return { status: 'error', error: mapped }
  throw error
}
