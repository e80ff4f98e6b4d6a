import { createHash } from 'node:crypto'
import type { Column, DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'

/**
 * Optimistic concurrency without schema changes. An edit form carries a version token: one short
 * fingerprint per editable column of the row as it was loaded. On save the row is read again inside
 * the write transaction (locked) and fingerprinted the same way; a column whose fingerprint moved was
 * changed by someone else since the form was drawn. Per-column fingerprints (not one hash of the row)
 * let the conflict page name the fields and let the form tell which fields the user changed.
 */

/** What a form field holds: SQL NULL, or the text of an input (a kind's `toInput` form). */
export type FieldState = { readonly null: true } | { readonly null: false; readonly input: string }

const tokenVersion = 'v1'
const fingerprintBytes = 6

/** A short digest of one field: NULL is distinct from '' and newlines compare equal however a browser sends them. */
export function fingerprint(state: FieldState): string {
  const text = state.null ? '\u0000' : `\u0001${state.input.replace(/\r\n?/g, '\n')}`
  return createHash('sha256').update(text).digest().subarray(0, fingerprintBytes).toString('base64url')
}

/** The state of a stored value as its form would show it. */
export function storedState(column: Column, value: unknown, dialect: DialectName): FieldState {
  if (value === null || value === undefined) return { null: true }
  return { null: false, input: kindOf(column).toInput(value, column, dialect) }
}

export function storedFingerprint(column: Column, value: unknown, dialect: DialectName): string {
  return fingerprint(storedState(column, value, dialect))
}

/** The version token of a row over `columns` (their order and names are part of it). */
export function rowVersion(
  columns: readonly Column[],
  row: Readonly<Record<string, unknown>>,
  dialect: DialectName,
): string {
  const prints = columns.map((column) => storedFingerprint(column, row[column.name], dialect))
  return [tokenVersion, namesDigest(columns), ...prints].join('.')
}

/** The fingerprints a token holds by column name; undefined when it was made for other columns (or is garbage). */
export function readVersion(token: string, columns: readonly Column[]): ReadonlyMap<string, string> | undefined {
  const [version, names, ...prints] = token.split('.')
  if (version !== tokenVersion || names !== namesDigest(columns) || prints.length !== columns.length) return undefined
  return new Map(columns.map((column, i) => [column.name, prints[i]!]))
}

/**
 * The columns whose stored value differs from what the token recorded, or 'all' when the token cannot
 * be read (the table's columns changed, or the form was tampered with): then everything counts as changed.
 */
export function changedSince(
  token: string,
  columns: readonly Column[],
  row: Readonly<Record<string, unknown>>,
  dialect: DialectName,
): string[] | 'all' {
  const recorded = readVersion(token, columns)
  if (!recorded) return 'all'
  return columns
    .filter((column) => recorded.get(column.name) !== storedFingerprint(column, row[column.name], dialect))
    .map((column) => column.name)
}

function namesDigest(columns: readonly Column[]): string {
  const names = columns.map((column) => column.name).join('\u0000')
  return createHash('sha256').update(names).digest().subarray(0, 4).toString('base64url')
}
