import { closingParen, isKeyword, isPunct, splitTopLevel, tokenizeSql, type SqlToken } from './sqlite-sql-tokens.js'

/**
 * The indexed terms of a CREATE INDEX statement as SQL text, one per key column in order, without
 * their COLLATE and ASC/DESC suffixes: `CREATE INDEX i ON t(lower(a) COLLATE nocase DESC, b)` gives
 * `['lower(a)', 'b']`. `pragma_index_xinfo` names plain columns but leaves expressions blank (cid -2),
 * so this is where their text comes from. https://www.sqlite.org/lang_createindex.html
 */
export function parseIndexedTerms(sql: string): string[] {
  const tokens = tokenizeSql(sql)
  const on = tokens.findIndex((token) => isKeyword(token, 'ON'))
  const open = on < 0 ? -1 : tokens.findIndex((token, i) => i > on && isPunct(token, '('))
  if (open < 0) return []
  return splitTopLevel(tokens, open + 1, closingParen(tokens, open)).map((term) => termText(sql, term))
}

function termText(sql: string, term: readonly SqlToken[]): string {
  let end = term.length
  if (isKeyword(term[end - 1], 'ASC', 'DESC')) end--
  if (end >= 2 && isKeyword(term[end - 2], 'COLLATE')) end -= 2
  const first = term[0] as SqlToken
  const last = term[Math.max(end - 1, 0)] as SqlToken
  return sql.slice(first.start, last.end)
}
