/** An identifier in double quotes, for SQL text shown to a person (`steward doctor`), never run by Steward. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/**
 * A name for a new index: the table, the columns and a suffix, cut to `maxLength` bytes (Postgres truncates
 * identifiers at 63: https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).
 */
export function indexName(table: string, columns: readonly string[], suffix: string, maxLength = 63): string {
  const name = `${table}_${columns.join('_')}_${suffix}`.replace(/[^A-Za-z0-9_]+/g, '_')
  const bytes = Buffer.from(name)
  if (bytes.length <= maxLength) return name
  return `${bytes
    .subarray(0, maxLength - suffix.length - 1)
    .toString()
    .replace(/\uFFFD+$/, '')}_${suffix}`
}
