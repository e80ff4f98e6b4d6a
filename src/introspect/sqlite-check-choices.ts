import {
  closingParen,
  identifierOf,
  isKeyword,
  isPunct,
  sameIdentifier,
  splitTopLevel,
  tokenizeSql,
  type SqlToken,
} from './sqlite-sql-tokens.js'

export interface CheckChoices {
  readonly column: string
  /** The listed values in declared order: strings unquoted, numbers as written. */
  readonly values: readonly string[]
}

/**
 * Reads a CHECK expression of the simple form `col IN ('a', 'b', 3)` (in any number of parentheses),
 * the pseudo-enum of SQLite schemas. Anything else — NOT IN, OR, a NULL in the list, an expression on
 * the column — gives null. SQLite reads a "double-quoted" word as a string when no column has that
 * name, so `columns` decides whether such a list item is a value or a column reference.
 */
export function checkChoices(expression: string, columns: readonly string[]): CheckChoices | null {
  let tokens = tokenizeSql(expression)
  while (isPunct(tokens[0], '(') && closingParen(tokens, 0) === tokens.length - 1) tokens = tokens.slice(1, -1)

  const [subject, inKeyword, open] = tokens
  const isColumn = (name: string) => columns.some((column) => sameIdentifier(column, name))
  const column = subject?.type === 'word' || subject?.type === 'identifier' ? identifierOf(subject) : undefined
  if (column === undefined || !isColumn(column) || !isKeyword(inKeyword, 'IN') || !isPunct(open, '(')) return null
  if (closingParen(tokens, 2) !== tokens.length - 1) return null

  const values: string[] = []
  for (const item of splitTopLevel(tokens, 3, tokens.length - 1)) {
    const value = literal(item, isColumn)
    if (value === undefined) return null
    values.push(value)
  }
  return values.length > 0 ? { column, values } : null
}

function literal(item: readonly SqlToken[], isColumn: (name: string) => boolean): string | undefined {
  const [first, second] = item
  if (item.length === 1 && first?.type === 'string') return first.value
  if (item.length === 1 && first?.type === 'number') return first.text
  if (item.length === 2 && second?.type === 'number' && (isPunct(first, '-') || isPunct(first, '+'))) {
    return (first?.text === '-' ? '-' : '') + second.text
  }
  if (item.length === 1 && first?.type === 'identifier' && first.text.startsWith('"') && !isColumn(first.value)) {
    return first.value
  }
  return undefined
}
