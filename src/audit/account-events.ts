import { sql, type Kysely } from 'kysely'
import type { Logger } from '../logger.js'
import { auditTableId, type AuditLog } from './audit-log.js'

/** What happens to a session, recorded beside the writes (Django's admin logs none of them). */
export type AccountEventAction = 'login' | 'logout' | 'login_failed'

export interface AccountEvent {
  readonly action: AccountEventAction
  /** The account name typed or logged in; for a failed login it may name no account. */
  readonly name: string
  /** Who acted: the account on login and logout; null for a failed login (nobody was proven). */
  readonly actor: string | null
  /** The client's address when known. */
  readonly address: string | null
}

/**
 * Records a login, logout or failed login. Its table is empty (no table has an empty name), so no
 * record's history shows it; the account name is its key. A failure to record is logged, not fatal:
 * a full audit disk must not lock everyone out.
 */
export async function recordAccountEvent(
  db: Kysely<any>,
  log: AuditLog,
  event: AccountEvent,
  logger: Logger,
): Promise<void> {
  try {
    await sql`insert into ${auditTableId(log)}
      (at, actor, table_schema, table_name, record_key, action, changes)
      values (${new Date().toISOString()}, ${event.actor}, '', '', ${event.name}, ${event.action},
        ${JSON.stringify({ address: event.address })})`.execute(db)
  } catch (error) {
    logger.error(`steward: could not record a ${event.action} in the audit log:`, error)
  }
}
