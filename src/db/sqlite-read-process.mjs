// A long-lived child process of the SQLite reading pool (see sqlite-read-pool.ts): one read-only connection set
// up like the main one (busy timeout, safe integers, the same attached files), its prepared statements kept,
// running one statement per message. A process rather than a thread: a statement past its timeout is stopped by
// killing the process, which ends the scan at once; a terminated worker thread would run it to the end, and
// better-sqlite3 may abort the whole process when a statement fails in a thread being terminated
// (https://github.com/WiseLibs/better-sqlite3/issues/842). Plain JavaScript, loaded by path without tsx.
import Database from 'better-sqlite3'

/** @type {{ file: string, attached: { name: string, file: string }[], busyTimeoutMs: number }} */
const { file, attached, busyTimeoutMs } = JSON.parse(process.argv[2] ?? '{}')
const send = /** @type {(message: unknown) => void} */ (process.send?.bind(process))
const capacity = 500

// The server went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0))

/** @param {unknown} error */
function described(error) {
  const { code, message } = /** @type {{ code?: string, message?: string }} */ (error)
  return { code: typeof code === 'string' ? code : undefined, message: String(message ?? error) }
}

/** @type {import('better-sqlite3').Database} */
let db
try {
  db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs })
  db.defaultSafeIntegers(true)
  for (const schema of attached)
    db.prepare(`attach database ? as "${schema.name.replaceAll('"', '""')}"`).run(schema.file)
  send({ ready: true })
} catch (error) {
  send({ ready: false, error: described(error) })
  process.exitCode = 1
  process.removeAllListeners('message')
}

/** @typedef {{ statement: import('better-sqlite3').Statement, columns: string[] | null }} Prepared */
/** @type {Map<string, Prepared>} */
const statements = new Map()

/**
 * A statement that returns rows returns them as arrays, sent with its column names once: the server makes the
 * row objects (as the main connection does, see sqlite-statement-cache.ts), and the message does not repeat
 * every name on every row.
 * @param {string} sql
 */
function prepared(sql) {
  let entry = statements.get(sql)
  if (entry) statements.delete(sql)
  else {
    const statement = db.prepare(sql)
    const columns = statement.reader ? statement.columns().map((column) => column.name) : null
    if (columns) statement.raw(true)
    entry = { statement, columns }
    if (statements.size >= capacity) statements.delete(/** @type {string} */ (statements.keys().next().value))
  }
  statements.set(sql, entry)
  return entry
}

process.on('message', (/** @type {{ id: number, sql: string, parameters: unknown[], begin: boolean }} */ message) => {
  const { id, sql, parameters, begin } = message
  try {
    if (begin) prepared('begin').statement.run()
    const { statement, columns } = prepared(sql)
    if (columns) send({ id, columns, rows: statement.all(...parameters) })
    else send({ id, columns: [], rows: [], changes: Number(statement.run(...parameters).changes) })
  } catch (error) {
    send({ id, error: described(error) })
  }
})
