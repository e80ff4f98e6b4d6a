import type SqliteDatabase from 'better-sqlite3'
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely'
import { toSafe } from './safe-integer-plugin.js'

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL costs more than running a
 * small indexed query. The admin runs the same few statements per page, so keep the prepared ones.
 * Safe because every statement is run to completion before the next call (Kysely serialises the connection).
 *
 * A statement that returns rows reads them as arrays and makes each row's object here, with a function
 * written for its columns: better-sqlite3 builds an object by setting its properties one by one by name,
 * which took half the time of a 50-row list query; objects from one literal also share one shape. Integers
 * (BigInts, safe integers are on) become numbers where a number holds them exactly, as SafeIntegerPlugin does.
 */
export function cachingDatabase(database: SqliteDatabase.Database, capacity = 500): KyselySqliteDatabase {
  const statements = new Map<string, SqliteStatement>()
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText)
      if (statement) {
        // Refresh its place: the Map's order is the eviction order.
        statements.delete(sqlText)
      } else {
        statement = readingRows(database.prepare(sqlText))
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string)
      }
      statements.set(sqlText, statement)
      return statement
    },
  }
}

type Row = Record<string, unknown>

function readingRows(statement: SqliteDatabase.Statement): SqliteStatement {
  if (!statement.reader) return statement as unknown as SqliteStatement
  const names = statement.columns().map((column) => column.name)
  const makeRow = rowMakerFor(names)
  const raw = statement.raw(true)
  return {
    reader: true,
    all(parameters) {
      const arrays = raw.all(parameters) as unknown[][]
      const rows = new Array<Row>(arrays.length)
      for (let i = 0; i < arrays.length; i++) rows[i] = makeRow(arrays[i]!, toSafe)
      return rows
    },
    *iterate(parameters) {
      for (const values of raw.iterate(parameters) as IterableIterator<unknown[]>) yield makeRow(values, toSafe)
    },
    run: (parameters) => raw.run(parameters),
  }
}

const makers = new Map<string, RowMaker>()

/** The row maker for these names, written once for each list of names (statements and reading workers alike). */
export function rowMakerFor(names: readonly string[]): RowMaker {
  const key = JSON.stringify(names)
  let maker = makers.get(key)
  if (!maker) {
    if (makers.size >= 500) makers.delete(makers.keys().next().value as string)
    makers.set(key, (maker = rowMaker(names)))
  }
  return maker
}

export type RowMaker = (values: readonly unknown[], safe: typeof toSafe) => Row

/**
 * `(values, toSafe) => ({ "id": …, "name": … })` for these column names. Names are written as JSON strings,
 * so any name is a literal key; a name given twice keeps its last value in its first place, as setting the
 * properties in turn does. `__proto__` is a computed key, which makes a property: as a plain key it would set
 * the prototype (better-sqlite3's own objects lose such a column that way, or take a blob as their prototype).
 */
function rowMaker(names: readonly string[]): RowMaker {
  const properties = names.map((name, i) => {
    const key = name === '__proto__' ? `["__proto__"]` : JSON.stringify(name)
    return `${key}: typeof v[${i}] === 'bigint' ? s(v[${i}]) : v[${i}]`
  })
  return new Function('v', 's', `return { ${properties.join(', ')} }`) as RowMaker
}
