import type { CellModel } from '../../views/view-model.js'
import type { Column, DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import { computedText } from '../list/computed-text.js'

/** A stored value as a view shows it, formatted by its column's kind; `truncate` for list cells. */
export function cellFor(
  column: Column,
  value: unknown,
  dialect: DialectName,
  truncate?: number,
  href?: string,
): CellModel {
  const display = kindOf(column).format(value, column, truncate === undefined ? { dialect } : { dialect, truncate })
  return {
    text: display.text,
    ...(display.full !== undefined ? { title: display.full } : {}),
    isNull: display.isNull,
    isEmpty: display.isEmpty,
    style: display.style,
    ...(href !== undefined ? { href } : {}),
  }
}

/** A plain text cell (a foreign key's label, a key without a column). */
export function textCell(text: string, href?: string, title?: string): CellModel {
  return {
    text,
    isNull: false,
    isEmpty: text === '',
    style: 'plain',
    ...(href !== undefined ? { href } : {}),
    ...(title !== undefined ? { title } : {}),
  }
}

/** A computed column's value: read-only, shown by the type the database returned (a number to the right). */
export function computedCell(value: unknown, truncate?: number): CellModel {
  const text = computedText(value)
  if (text === null) return { text: 'NULL', isNull: true, isEmpty: false, style: 'plain' }
  const short = truncate !== undefined && text.length > truncate ? `${text.slice(0, truncate)}…` : text
  return {
    text: short,
    ...(short !== text ? { title: text } : {}),
    isNull: false,
    isEmpty: text === '',
    style: isNumeric(value) ? 'number' : 'plain',
  }
}

/** A number, or a driver's text for one (Postgres's bigint and numeric come back as strings). */
export function isNumeric(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
  )
}

export const numericKinds = new Set(['integer', 'bigint', 'decimal', 'float'])
