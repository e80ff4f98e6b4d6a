import type { PostgresPool, PostgresPoolClient } from 'kysely'
import type pg from 'pg'
import { DatabaseError } from './database-error.js'
import { Permits } from './permits.js'

export interface BoundedPoolOptions {
  /** The pool's size: one permit per connection. */
  readonly max: number
  /** How long a request may wait for a free connection before it is told the database is busy. */
  readonly acquireTimeoutMs: number
}

/**
 * pg's Pool has one timeout (`connectionTimeoutMillis`) for two different waits: opening a connection
 * to a slow server, and queueing for a free one when all are checked out. Here the queue is in front
 * of the pool with its own short bound, so an exhausted pool answers "busy" in about a second, while
 * opening a connection keeps the pool's longer timeout. The pool itself is then never asked for more
 * clients than it has, so it never queues.
 */
export function boundedPool(pool: pg.Pool, options: BoundedPoolOptions): PostgresPool {
  const permits = new Permits(options.max)
  return {
    async connect(): Promise<PostgresPoolClient> {
      if (!(await permits.take(options.acquireTimeoutMs))) {
        throw new DatabaseError('busy', 'Every database connection is in use at the moment.')
      }
      let client: pg.PoolClient
      try {
        client = await pool.connect()
      } catch (error) {
        permits.give()
        throw error
      }
      // pg-pool gives each checkout its own `release`, so wrapping it here lasts for this checkout only.
      const release = client.release.bind(client)
      let given = false
      client.release = (error?: Error | boolean) => {
        if (!given) {
          given = true
          permits.give()
        }
        release(error)
      }
      return client
    },
    end: () => pool.end(),
  }
}
