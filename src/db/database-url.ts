import { resolve } from 'node:path'

export type DatabaseTarget =
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly display: string }
  | { readonly dialect: 'sqlite'; readonly path: string; readonly display: string }

/** Raised for every failure to reach a database; its message is one line fit to show a person. */
export class ConnectError extends Error {
  override name = 'ConnectError'
}

/**
 * Parses a database URL: `postgres://…` / `postgresql://…`, or `sqlite:PATH` / `file:PATH`
 * (`sqlite::memory:` for an in-memory database). Any other scheme is an error, never a guess.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim()
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase()
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL
    try {
      parsed = new URL(trimmed)
    } catch {
      throw new ConnectError(`invalid database URL: ${redact(trimmed)}`)
    }
    const display = `postgres://${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`
    return { dialect: 'postgres', connectionString: trimmed, display }
  }
  if (scheme === 'sqlite' || scheme === 'file') {
    let rest = trimmed.slice(scheme.length + 1)
    if (rest.startsWith('//')) rest = rest.slice(2)
    const query = rest.indexOf('?')
    if (query >= 0) rest = rest.slice(0, query)
    rest = decodeURIComponent(rest)
    if (rest === '') throw new ConnectError(`database URL has no file path: ${trimmed}`)
    const path = rest === ':memory:' ? rest : resolve(rest)
    return { dialect: 'sqlite', path, display: `sqlite:${rest}` }
  }
  throw new ConnectError(
    scheme
      ? `unsupported database URL scheme "${scheme}:" (use postgres://…, sqlite:PATH or file:PATH)`
      : `not a database URL: "${redact(trimmed)}" (use postgres://…, sqlite:PATH or file:PATH)`,
  )
}

/** Hides a password in a URL before it is printed. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@')
}
