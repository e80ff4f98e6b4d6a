import { createHash } from 'node:crypto'
import { dirname, relative } from 'node:path/posix'
import type { Table } from '../introspect/metadata.js'

// Names Windows refuses as file names whatever the extension; a checkout there must not break.
const deviceNames = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/

/**
 * A file-system-safe, deterministic name for any database identifier. A name that is already plain
 * (lower-case ASCII letters, digits, `_`) is kept as is; any other name is slugged and gets a short
 * hash of its exact spelling, so `Users`, `users ` and `"users"` never share a file, not even on a
 * case-insensitive file system, and adding one table never renames another's file.
 */
export function safeFileName(name: string): string {
  if (/^[a-z0-9_]{1,60}$/.test(name) && !deviceNames.test(name)) return name
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `${slug || 'table'}-${shortHash(name)}`
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8)
}

/** Where a table's module lives inside the output directory (posix separators). */
export function tableModulePath(table: Pick<Table, 'schema' | 'name'>): string {
  return `tables/${safeFileName(table.schema)}/${safeFileName(table.name)}.ts`
}

/** The specifier a generated file at `from` uses to import the `.ts` file at `to` (both posix, same root). */
/**
 * How generated modules import Steward's types: by package name, so they read the same in any project that
 * installed Steward. In Steward's own repository tsconfig.json maps the name to `src/index.ts`.
 */
export const stewardSpecifier = 'steward'

export function importSpecifier(from: string, to: string): string {
  const path = relative(dirname(from), to).replace(/\.ts$/, '.js')
  return path.startsWith('.') ? path : `./${path}`
}
