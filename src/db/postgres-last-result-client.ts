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
      const query = super.query as (...a: unknown[]) => unknown
      // A cursor (Kysely's streaming) or a caller's own callback: pg's own answer.
      const [first] = args
      const submittable = typeof first === 'object' && first !== null && 'submit' in first
      if (submittable || typeof args.at(-1) === 'function') return query.apply(this, args)
      // A query pg would answer with a promise of its own is given a callback instead: pg's promise kept each
      // query's rows, and the request awaiting them with its page, alive through V8's young-generation collections
      // until the next full one (issue 9: 23 KB promoted per 50-row query, 2.6 KB with a callback, measured with
      // --trace-gc-nvp over pg alone).
      return new Promise((resolve, reject) => {
        query.call(this, ...args, (error: Error | null, result: unknown) =>
          error ? reject(error) : resolve(Array.isArray(result) ? result.at(-1) : result),
        )
      })
    }
  }
}

/**
 * Handles whose pool uses `lastResultClient` (those `connect` opens). A host application's own Kysely over its own
 * pg pool answers a string of several statements with an array, read by Kysely as no rows: one-message reads
 * (`timedStatement`) are sent to such a handle as a transaction instead.
 */
export const answersLastResult = new WeakSet<Kysely<any>>()
