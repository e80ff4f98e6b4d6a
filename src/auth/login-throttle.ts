import { sql, type Kysely } from 'kysely'
import { storeTable, type AccountStore } from './account-store.js'

/**
 * How many failed logins are allowed in a sliding window: per account name (guessing one person's
 * password) and per client address (trying many names). Kept in the account store, so every instance
 * counts the same failures.
 */
export interface ThrottleLimits {
  readonly perAccount: number
  readonly perAddress: number
  readonly windowMs: number
}

export const defaultThrottle: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 }

/** Who is trying: the name typed and the client's address (null when it cannot be known). */
export interface LoginAttempt {
  readonly name: string
  readonly address: string | null
}

type Scope = 'account' | 'address'

function subjects(attempt: LoginAttempt, limits: ThrottleLimits): [Scope, string, number][] {
  const list: [Scope, string, number][] = [['account', attempt.name, limits.perAccount]]
  if (attempt.address) list.push(['address', attempt.address, limits.perAddress])
  return list
}

/**
 * How long until `attempt` may try again (ms), or 0 when it may now. Blocked attempts are not counted:
 * otherwise whoever keeps guessing would keep the account locked for ever.
 */
export async function loginRetryAfter(
  db: Kysely<any>,
  store: AccountStore,
  attempt: LoginAttempt,
  limits: ThrottleLimits,
  now: number,
): Promise<number> {
  let wait = 0
  for (const [scope, subject, limit] of subjects(attempt, limits)) {
    // The limit-th newest failure in the window: once it leaves the window, fewer than `limit` remain.
    const { rows } = await sql<{
      failed_at: number | string
    }>`select failed_at from ${storeTable(store, 'login_failures')}
      where scope = ${scope} and subject = ${subject} and failed_at > ${now - limits.windowMs}
      order by failed_at desc limit 1 offset ${limit - 1}`.execute(db)
    const row = rows[0]
    if (row) wait = Math.max(wait, Number(row.failed_at) + limits.windowMs - now)
  }
  return wait
}

/** Counts a failed login against its name and address, and forgets failures older than the window. */
export async function recordLoginFailure(
  db: Kysely<any>,
  store: AccountStore,
  attempt: LoginAttempt,
  limits: ThrottleLimits,
  now: number,
): Promise<void> {
  const failures = storeTable(store, 'login_failures')
  await sql`delete from ${failures} where failed_at <= ${now - limits.windowMs}`.execute(db)
  for (const [scope, subject] of subjects(attempt, limits))
    await sql`insert into ${failures} (scope, subject, failed_at) values (${scope}, ${subject}, ${now})`.execute(db)
}

/** A successful login clears its account's failures (the address keeps its count). */
export async function clearLoginFailures(db: Kysely<any>, store: AccountStore, name: string): Promise<void> {
  await sql`delete from ${storeTable(store, 'login_failures')} where scope = 'account' and subject = ${name}`.execute(
    db,
  )
}
