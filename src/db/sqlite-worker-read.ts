import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { CompiledQuery } from 'kysely'
import { packageRoot } from '../package-root.js'
import { toSafe } from './safe-integer-plugin.js'

type Row = Record<string, unknown>
type Message = { readonly rows: Row[]; readonly done: boolean } | { readonly error: { code?: string; message: string } }

const workerFile = join(packageRoot, 'src', 'db', 'sqlite-read-worker.mjs')

/**
 * Runs one long read (an export sorted on an unindexed column sorts the whole table) in a worker
 * thread with a read-only connection of its own, as better-sqlite3 advises for slow queries: the
 * main thread, and every other request, never waits for it. The worker reads all rows at once and
 * the batches wait here for the consumer, so the read lock is held only as long as the query runs,
 * not as long as a slow client downloads (a held read lock would block every writer).
 * https://github.com/WiseLibs/better-sqlite3/blob/master/docs/threads.md
 */
export async function* readInWorker(
  file: string,
  query: CompiledQuery,
  options: { readonly batchSize: number; readonly busyTimeoutMs: number; readonly timeoutMs: number },
): AsyncGenerator<Row[]> {
  const { batchSize, busyTimeoutMs, timeoutMs } = options
  const worker = new Worker(workerFile, {
    workerData: { file, sql: query.sql, parameters: query.parameters, batchSize, busyTimeoutMs },
  })
  const inbox: Message[] = []
  let wake: (() => void) | null = null
  const deliver = (message: Message) => {
    inbox.push(message)
    wake?.()
  }
  worker.on('message', deliver)
  worker.on('error', (error) => deliver({ error: { message: error.message } }))
  // After a `done` or an error this is never read; otherwise the worker died without a word.
  worker.on('exit', (code) => deliver({ error: { message: `the reading worker stopped (exit code ${code})` } }))
  // Unlike the main connection, a worker can be stopped: a statement that keeps the next batch waiting
  // longer than the timeout ends as SQLite's own interrupt would, a "timeout".
  const nextMessage = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => deliver({ error: { code: 'SQLITE_INTERRUPT', message: 'interrupted' } }), ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  try {
    for (;;) {
      if (inbox.length === 0) await nextMessage(timeoutMs)
      const message = inbox.shift()!
      if ('error' in message) throw Object.assign(new Error(message.error.message), { code: message.error.code })
      if (message.rows.length > 0) yield message.rows.map(fromWorker)
      if (message.done) return
    }
  } finally {
    void worker.terminate()
  }
}

/** Values as the main connection returns them: safe integers as numbers (see SafeIntegerPlugin), bytes as a Buffer. */
export function fromWorker(row: Row): Row {
  for (const key in row) {
    const value = row[key]
    if (typeof value === 'bigint') row[key] = toSafe(value)
    else if (value instanceof Uint8Array) row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  }
  return row
}
