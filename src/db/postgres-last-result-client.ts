import type { Kysely } from 'kysely'
import type pg from 'pg'

/**
 * pg's Client, except that a query string of several statements answers with its last statement's result, as
 * one statement would. The simple query protocol runs such a string in one round trip and, unless it holds a
 * `begin`, in one implicit transaction, so a `set_config(…, true)` in front of a statement lasts for that statement
 * alone (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-MULTI-STATEMENT). pg answers
 * it with an array of results, in which Kysely would find no rows. One statement's answer is left as it is.
 */
export function lastResultClient(driver: typeof pg): typeof pg.Client {
  return class LastResultClient extends driver.Client {
    override query(...args: unknown[]): any {
      const answer = (super.query as (...a: unknown[]) => unknown)(...args)
      return answer instanceof Promise
        ? answer.then((result: unknown) => (Array.isArray(result) ? result.at(-1) : result))
        : answer
    }
  }
}

/**
 * Handles whose pool uses `lastResultClient` (those `connect` opens). A host application's own Kysely over its own
 * pg pool answers a string of several statements with an array, read by Kysely as no rows: one-message reads
 * (`timedStatement`) are sent to such a handle as a transaction instead.
 */
export const answersLastResult = new WeakSet<Kysely<any>>()
