import { AsyncLocalStorage } from 'node:async_hooks'
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely'
import { SqliteReadPool, type PooledWorker, type SqliteSource } from './sqlite-read-pool.js'

export interface WorkerReaderOptions {
  /** Worker processes at most (the expensive-statement permits). */
  readonly size: number
  /** A statement outside `withStatementTimeout` is stopped after this long. */
  readonly statementTimeoutMs: number
  /** How long an unused worker lives on (default 30 s). */
  readonly idleMs?: number
}

/** The timeout of the statements run inside `withWorkerTimeout`. */
const statementTimeouts = new AsyncLocalStorage<number>()
const readers = new WeakSet<Kysely<any>>()

/**
 * A Kysely handle over `db`'s database file whose statements run in worker processes (see `SqliteReadPool`), for
 * reads that may take long: the main thread stays free for every other request. Read-only; values come back as
 * `db` returns them. An in-memory database has no file to share: its statements then run on `db` itself.
 */
export function sqliteWorkerReader(db: Kysely<any>, options: WorkerReaderOptions): Kysely<any> {
  const reader = new Kysely<any>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new WorkerDriver(db, options),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
  readers.add(reader)
  return reader
}

/**
 * Runs `fn` in a transaction on one worker, so that its statements read one snapshot, each stopped after `ms`;
 * undefined when `db` is not a worker reader.
 */
export function withWorkerTimeout<T>(
  db: Kysely<any>,
  ms: number,
  fn: (trx: Kysely<any>) => Promise<T>,
): Promise<T> | undefined {
  if (!readers.has(db)) return undefined
  return statementTimeouts.run(ms, () => db.transaction().execute(fn))
}

class WorkerDriver implements Driver {
  #pool: SqliteReadPool | null = null
  readonly #db: Kysely<any>
  readonly #options: WorkerReaderOptions

  constructor(db: Kysely<any>, options: WorkerReaderOptions) {
    this.#db = db
    this.#options = options
  }

  async init(): Promise<void> {
    const source = await sourceOf(this.#db)
    if (!source.file) return
    this.#pool = new SqliteReadPool({
      size: this.#options.size,
      idleMs: this.#options.idleMs ?? 30_000,
      source: () => sourceOf(this.#db),
    })
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#pool) return new MainThreadConnection(this.#db)
    return new WorkerConnection(await this.#pool.acquire(), this.#options.statementTimeoutMs)
  }

  // Each message to a worker waits its turn in the main thread's event loop, which a busy server fills: a search
  // makes as few round trips as it can. `begin` travels with the transaction's first statement, and the end is
  // not waited for (a worker runs its messages in order: whoever gets it next starts after it).
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof WorkerConnection) connection.beginWithNext = true
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof WorkerConnection) connection.end('commit')
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof WorkerConnection) connection.end('rollback')
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof WorkerConnection) this.#pool?.release(connection.worker)
  }

  async destroy(): Promise<void> {
    await this.#pool?.close()
  }
}

class WorkerConnection implements DatabaseConnection {
  /** A transaction has begun whose first statement has not been sent yet. */
  beginWithNext = false

  constructor(
    readonly worker: PooledWorker,
    readonly defaultTimeoutMs: number,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const begin = this.beginWithNext
    this.beginWithNext = false
    const timeoutMs = statementTimeouts.getStore() ?? this.defaultTimeoutMs
    const { rows, changes } = await this.worker.run(query, timeoutMs, { begin })
    return { rows: rows as R[], ...(changes === undefined ? {} : { numAffectedRows: BigInt(changes) }) }
  }

  /**
   * Ends the transaction without waiting. Nothing to end when no statement ran, or when the worker stopped (its
   * transaction went with it; failing here would hide why it stopped). A read-only transaction has nothing to lose
   * if its end fails: the worker's next `begin` would then fail, as a statement error.
   */
  end(how: 'commit' | 'rollback'): void {
    if (this.beginWithNext || this.worker.dead) {
      this.beginWithNext = false
      return
    }
    this.worker.run(CompiledQuery.raw(how), this.defaultTimeoutMs).catch(() => {})
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite reading workers do not stream')
  }
}

/** No file to share (in-memory): the statements run on the main connection, as they would without workers. */
class MainThreadConnection implements DatabaseConnection {
  constructor(readonly db: Kysely<any>) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.db.executeQuery<R>(query)
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite reading workers do not stream')
  }
}

/**
 * The main connection's file, attached files and busy timeout, read from the connection itself by pragmas that
 * take no lock (unlike `select … from pragma_database_list`): asked while another connection holds the file
 * exclusively, they answer at once.
 */
async function sourceOf(db: Kysely<any>): Promise<SqliteSource> {
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db)
  const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)
  return {
    file: rows.find((row) => row.name === 'main')?.file ?? '',
    attached: rows.filter((row) => row.name !== 'main' && row.name !== 'temp' && row.file !== ''),
    busyTimeoutMs: Number(busy.rows[0]?.timeout ?? 0),
  }
}
