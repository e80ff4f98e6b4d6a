import type { Kysely } from 'kysely'
import { dialectFor } from '../db/dialects.js'
import type { DialectName } from '../introspect/metadata.js'

/** How long a write waits for a lock another connection holds before it fails as "busy". */
export const writeLockWaitMs = 1_000

/**
 * Runs `fn` in one write transaction, in which the rows a conflict check reads (with the dialect's
 * `lockForUpdate`) cannot change before the update. A lock held elsewhere is waited for at most
 * `writeLockWaitMs`, then the write fails as "busy" (a 503), instead of holding the request indefinitely.
 */
export async function withWriteTransaction<T>(
  db: Kysely<any>,
  dialect: DialectName,
  fn: (trx: Kysely<any>) => Promise<T>,
): Promise<T> {
  return dialectFor(dialect).writeTransaction(db, writeLockWaitMs, fn)
}

/** Thrown inside a write transaction to roll it back with a message for the user (never a driver text). */
export class WriteRefused extends Error {
  override name = 'WriteRefused'
  constructor(
    readonly reason: 'not_found' | 'ambiguous' | 'blocked' | 'outside_scope',
    message: string,
  ) {
    super(message)
  }
}
