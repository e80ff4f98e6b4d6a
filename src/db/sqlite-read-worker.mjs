// A worker thread that runs one long SQLite read on a read-only connection of its own and posts its
// rows back in batches (see sqlite-worker-read.ts). Plain JavaScript: a worker loads its file by
// path, the same from src/ through tsx and from the bundled CLI.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

/** @type {{ file: string, sql: string, parameters: unknown[], batchSize: number, busyTimeoutMs: number }} */
const { file, sql, parameters, batchSize, busyTimeoutMs } = workerData
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort)

try {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs })
  try {
    const statement = db.prepare(sql).safeIntegers(true)
    let batch = []
    for (const row of statement.iterate(...parameters)) {
      batch.push(row)
      if (batch.length >= batchSize) {
        port.postMessage({ rows: batch, done: false })
        batch = []
      }
    }
    port.postMessage({ rows: batch, done: true })
  } finally {
    db.close()
  }
} catch (error) {
  const { code, message } = /** @type {{ code?: string, message?: string }} */ (error)
  port.postMessage({ error: { code, message: String(message) } })
}
