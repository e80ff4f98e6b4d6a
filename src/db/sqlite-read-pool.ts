import { fork, type ChildProcess } from 'node:child_process'
import { channel } from 'node:diagnostics_channel'
import { join } from 'node:path'
import type { CompiledQuery } from 'kysely'
import { packageRoot } from '../package-root.js'
import { toSafe } from './safe-integer-plugin.js'
import { rowMakerFor } from './sqlite-statement-cache.js'

const workerFile = join(packageRoot, 'src', 'db', 'sqlite-read-process.mjs')

/** Publishes `{ sql, pid }` as each statement is handed to a worker (diagnostics; tests wait on it instead of sleeping). */
export const workerStatements = channel('steward:sqlite-read-worker:statement')

/** What a worker opens: the main file read-only, the files attached to the main connection, its busy timeout. */
export interface SqliteSource {
  readonly file: string
  readonly attached: readonly { readonly name: string; readonly file: string }[]
  readonly busyTimeoutMs: number
}

export interface SqliteReadPoolOptions {
  /** At most this many workers (one per expensive-statement permit: a reader never waits for another). */
  readonly size: number
  /** A worker unused this long ends, so an idle server holds no process or connection for it. */
  readonly idleMs: number
  /** Asked for every worker started, so that a file attached since is attached in the new one too. */
  readonly source: () => Promise<SqliteSource>
}

type Reply =
  | { readonly id: number; readonly columns: string[]; readonly rows: unknown[][]; readonly changes?: number }
  | { readonly id: number; readonly error: { readonly code?: string; readonly message: string } }

interface Pending {
  resolve(reply: { rows: Record<string, unknown>[]; changes?: number }): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

/** One worker process and the statements it is running; `dead` once it stopped or was stopped. */
export class PooledWorker {
  dead = false
  /** Why it stopped: a later statement of the same transaction fails the same way (a timeout stays a timeout). */
  #ended: Error | null = null
  idleTimer: NodeJS.Timeout | undefined
  readonly #pending = new Map<number, Pending>()
  #nextId = 0

  constructor(readonly process: ChildProcess) {
    process.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id)
      if (!pending) return
      this.#pending.delete(reply.id)
      clearTimeout(pending.timer)
      if ('error' in reply) pending.reject(sqliteError(reply.error.code, reply.error.message))
      else
        pending.resolve({
          rows: fromWorker(reply.columns, reply.rows),
          ...(reply.changes === undefined ? {} : { changes: reply.changes }),
        })
    })
    process.on('error', (error) =>
      this.#fail(sqliteError('SQLITE_IOERR', `the reading worker failed: ${error.message}`)),
    )
    process.on('exit', (code, signal) =>
      this.#fail(sqliteError('SQLITE_IOERR', `the reading worker stopped (${signal ?? `exit code ${code}`})`)),
    )
  }

  /**
   * Runs one statement (after `begin` when asked: one message for both). Past `timeoutMs` the worker is killed (better-sqlite3 cannot interrupt a statement, a
   * process can be stopped) and the statement fails as SQLite's own interrupt would: a "timeout".
   */
  run(
    query: CompiledQuery,
    timeoutMs: number,
    options: { readonly begin?: boolean } = {},
  ): Promise<{ rows: Record<string, unknown>[]; changes?: number }> {
    if (this.dead) return Promise.reject(this.#ended ?? sqliteError('SQLITE_IOERR', 'the reading worker has stopped'))
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(sqliteError('SQLITE_INTERRUPT', 'interrupted: the statement ran past the statement timeout'))
        this.stop()
      }, timeoutMs)
      this.#pending.set(id, { resolve, reject, timer })
      this.process.send({ id, sql: query.sql, parameters: query.parameters, begin: options.begin === true })
      if (workerStatements.hasSubscribers)
        workerStatements.publish({ sql: query.sql, parameters: query.parameters, pid: this.process.pid })
    })
  }

  /**
   * Whether the worker keeps the server's process alive: while in use (a statement's answer is awaited), not while
   * idle (an admin has no `close`; idle workers end on their own anyway, and exit when the server does).
   */
  inUse(yes: boolean): void {
    if (yes) {
      this.process.ref()
      this.process.channel?.ref()
    } else {
      this.process.unref()
      this.process.channel?.unref()
    }
  }

  stop(): void {
    this.dead = true
    this.process.kill('SIGKILL')
  }

  #fail(error: Error): void {
    this.dead = true
    this.#ended ??= error
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer)
      pending.reject(error)
    }
    this.#pending.clear()
  }
}

/**
 * A small pool of long-lived worker processes, each with a read-only connection to the database file: reads that
 * may take long run there (better-sqlite3 advises threads; see sqlite-read-process.mjs for why processes), and
 * the main thread keeps serving every other request.
 * Workers start on the first read that needs one and end after `idleMs` unused; one that stopped or was stopped
 * is replaced by the next read. https://github.com/WiseLibs/better-sqlite3/blob/master/docs/threads.md
 */
export class SqliteReadPool {
  readonly #idle: PooledWorker[] = []
  readonly #waiting: ((worker: Promise<PooledWorker>) => void)[] = []
  #started = 0
  #closed = false

  constructor(readonly options: SqliteReadPoolOptions) {}

  /** A worker of this caller's own until `release`: an idle one, a new one, or the next one released. */
  acquire(): Promise<PooledWorker> {
    if (this.#closed) return Promise.reject(sqliteError('SQLITE_MISUSE', 'the reading pool is closed'))
    for (let idle = this.#idle.pop(); idle; idle = this.#idle.pop()) {
      clearTimeout(idle.idleTimer)
      // One that stopped while idle (killed from outside, out of memory) is replaced instead.
      if (idle.dead) {
        this.#started--
        continue
      }
      idle.inUse(true)
      return Promise.resolve(idle)
    }
    if (this.#started < this.options.size) return this.#start()
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  release(worker: PooledWorker): void {
    if (worker.dead || this.#closed) {
      this.#started--
      worker.stop()
      const next = this.#waiting.shift()
      if (next) next(this.#start())
      return
    }
    const next = this.#waiting.shift()
    if (next) return next(Promise.resolve(worker))
    worker.inUse(false)
    worker.idleTimer = setTimeout(() => {
      const at = this.#idle.indexOf(worker)
      if (at < 0) return
      this.#idle.splice(at, 1)
      this.#started--
      worker.stop()
    }, this.options.idleMs).unref()
    this.#idle.push(worker)
  }

  async close(): Promise<void> {
    this.#closed = true
    const idle = this.#idle.splice(0)
    this.#started -= idle.length
    for (const worker of idle) {
      clearTimeout(worker.idleTimer)
      worker.stop()
    }
  }

  #start(): Promise<PooledWorker> {
    this.#started++
    return startWorker(this.options.source).catch((error: unknown) => {
      this.#started--
      // Whoever waits next tries again: the file may be back by then.
      const next = this.#waiting.shift()
      if (next) next(this.#start())
      throw error
    })
  }
}

async function startWorker(source: () => Promise<SqliteSource>): Promise<PooledWorker> {
  const child = fork(workerFile, [JSON.stringify(await source())], {
    // Plain node: the file is JavaScript, and the parent's loaders (tsx) would only slow the start.
    execArgv: [],
    // Values cross as structured clones: BigInt and bytes arrive as they left.
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const started = new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(sqliteError('SQLITE_CANTOPEN', error.message))
    const exited = (code: number | null) => failed(new Error(`the reading worker stopped (exit code ${code})`))
    child.once('error', failed)
    child.once('exit', exited)
    child.once('message', (message: { ready: boolean; error?: { code?: string; message: string } }) => {
      child.off('error', failed)
      child.off('exit', exited)
      if (message.ready) resolve()
      else reject(sqliteError(message.error?.code ?? 'SQLITE_CANTOPEN', message.error?.message ?? 'cannot open'))
    })
  })
  try {
    await started
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return new PooledWorker(child)
}

/** An error as better-sqlite3 throws them, so that the dialect maps it as it maps the main connection's. */
function sqliteError(code: string | undefined, message: string): Error {
  return Object.assign(new Error(message), { code: code ?? 'SQLITE_ERROR' })
}

type Row = Record<string, unknown>

/**
 * Rows as the main connection returns them (see sqlite-statement-cache.ts): objects made from the worker's
 * arrays, safe integers as numbers, bytes as a Buffer (a message brings them as a Uint8Array).
 */
function fromWorker(columns: readonly string[], arrays: unknown[][]): Row[] {
  if (arrays.length === 0) return []
  const makeRow = rowMakerFor(columns)
  const rows = new Array<Row>(arrays.length)
  for (let i = 0; i < arrays.length; i++) {
    const values = arrays[i]!
    for (let j = 0; j < values.length; j++) {
      const value = values[j]
      if (value instanceof Uint8Array) values[j] = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    }
    rows[i] = makeRow(values, toSafe)
  }
  return rows
}
