import {
  closingParen,
  identifierOf,
  isKeyword,
  isPunct,
  splitTopLevel,
  tokenizeSql,
  type SqlToken,
} from './sqlite-sql-tokens.js'

/**
 * What only the CREATE TABLE text knows: CHECK expressions and constraint names. The pragmas give
 * keys, foreign keys and unique indexes but drop every CONSTRAINT name and every CHECK.
 * https://www.sqlite.org/lang_createtable.html
 */
export interface ParsedCreateTable {
  /** In declared order; column-level ones where their column is declared. */
  readonly checks: readonly ParsedCheck[]
  readonly foreignKeys: readonly ParsedForeignKey[]
  readonly uniques: readonly ParsedUnique[]
}

export interface ParsedCheck {
  readonly name: string | null
  /** The SQL text between the parentheses of CHECK(…), trimmed. */
  readonly expression: string
}

export interface ParsedForeignKey {
  readonly name: string | null
  readonly columns: readonly string[]
  /** The parent table as written (SQLite matches it case-insensitively). */
  readonly refTable: string
}

export interface ParsedUnique {
  readonly name: string | null
  readonly columns: readonly string[]
}

const tableConstraintStarts = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']
// Keywords that begin a constraint a CONSTRAINT name may belong to but that we do not record.
const otherConstraintStarts = ['PRIMARY', 'NOT', 'NULL', 'DEFAULT', 'COLLATE', 'GENERATED', 'AS']

const empty: ParsedCreateTable = { checks: [], foreignKeys: [], uniques: [] }

/** Parses the `sql` of a table in `sqlite_schema`. Anything it does not recognise yields no constraints. */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenizeSql(sql)
  const open = tokens.findIndex((token) => isPunct(token, '('))
  const head = tokens.slice(0, Math.max(open, 0))
  if (open < 0 || !isKeyword(head[0], 'CREATE') || !head.some((t) => isKeyword(t, 'TABLE'))) return empty
  if (head.some((t) => isKeyword(t, 'VIRTUAL'))) return empty

  const result = { checks: [] as ParsedCheck[], foreignKeys: [] as ParsedForeignKey[], uniques: [] as ParsedUnique[] }
  for (const item of splitTopLevel(tokens, open + 1, closingParen(tokens, open))) {
    if (tableConstraintStarts.some((word) => isKeyword(item[0], word))) {
      scanConstraints(sql, item, 0, null, result)
    } else {
      const column = identifierOf(item[0])
      if (column !== undefined) scanConstraints(sql, item, 1, column, result)
    }
  }
  return result
}

/**
 * Walks one column definition (after its name) or one run of table constraints — SQLite allows table
 * constraints without commas between them — recording CHECK, UNIQUE and foreign keys with their names.
 */
function scanConstraints(
  source: string,
  tokens: readonly SqlToken[],
  start: number,
  column: string | null,
  out: { checks: ParsedCheck[]; foreignKeys: ParsedForeignKey[]; uniques: ParsedUnique[] },
): void {
  let name: string | null = null
  let i = start
  while (i < tokens.length) {
    const token = tokens[i]
    const next = tokens[i + 1]
    if (isPunct(token, '(')) {
      i = closingParen(tokens, i) + 1
    } else if (isKeyword(token, 'CONSTRAINT')) {
      name = identifierOf(next) ?? null
      i += 2
    } else if (isKeyword(token, 'CHECK') && isPunct(next, '(')) {
      const close = closingParen(tokens, i + 1)
      const end = isPunct(tokens[close], ')') ? (tokens[close] as SqlToken).start : source.length
      out.checks.push({ name, expression: source.slice((next as SqlToken).end, end).trim() })
      name = null
      i = close + 1
    } else if (isKeyword(token, 'UNIQUE')) {
      if (isPunct(next, '(')) {
        out.uniques.push({ name, columns: columnList(tokens, i + 1) })
        i = closingParen(tokens, i + 1) + 1
      } else {
        if (column !== null) out.uniques.push({ name, columns: [column] })
        i++
      }
      name = null
    } else if (isKeyword(token, 'FOREIGN')) {
      let j = isKeyword(next, 'KEY') ? i + 2 : i + 1
      const columns = isPunct(tokens[j], '(') ? columnList(tokens, j) : []
      if (isPunct(tokens[j], '(')) j = closingParen(tokens, j) + 1
      const refTable = isKeyword(tokens[j], 'REFERENCES') ? identifierOf(tokens[j + 1]) : undefined
      if (refTable !== undefined) out.foreignKeys.push({ name, columns, refTable })
      name = null
      i = j + 2
    } else if (isKeyword(token, 'REFERENCES')) {
      const refTable = identifierOf(next)
      if (refTable !== undefined && column !== null) out.foreignKeys.push({ name, columns: [column], refTable })
      name = null
      i += 2
    } else {
      if (otherConstraintStarts.some((word) => isKeyword(token, word))) name = null
      i++
    }
  }
}

/** The column names of `( a COLLATE x DESC, "b" )` starting at the `(` at `open`. */
function columnList(tokens: readonly SqlToken[], open: number): string[] {
  return splitTopLevel(tokens, open + 1, closingParen(tokens, open))
    .map((term) => identifierOf(term[0]))
    .filter((name): name is string => name !== undefined)
}
