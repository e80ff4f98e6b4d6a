import type { CellModel } from '../../views/view-model.js'
import type { Column, DialectName } from '../introspect/metadata.js'
import type { FormatOptions, Kind } from '../kinds/kind.js'
import { kindOf } from '../kinds/registry.js'
import { computedText } from '../list/computed-text.js'
import type { Resource } from '../resources/resource.js'

/** How a column's values read beyond their kind: the config's locale and the column's currency. */
export interface ValueFormat {
  readonly locale?: string
  readonly currency?: string
}

/** The `ValueFormat` of one column of a resource. */
export function valueFormat(resource: Resource, column: string): ValueFormat {
  const currency = resource.currencies[column]
  return { locale: resource.locale, ...(currency !== undefined ? { currency } : {}) }
}

/**
 * A stored value as a view shows it, formatted by its column's kind; `truncate` for list cells. (A point in
 * time gets its relative time, `3 days ago`, as its title from the page's script: a list has hundreds.)
 */
export function cellFor(
  column: Column,
  value: unknown,
  dialect: DialectName,
  truncate?: number,
  href?: string,
  format: ValueFormat = {},
): CellModel {
  return formattedCell(column, value, cellFormat(dialect, format, truncate), href)
}

/** What `Kind.format` is told for a column's cells; a list works it out once per column, not once per cell. */
export function cellFormat(dialect: DialectName, format: ValueFormat, truncate?: number): FormatOptions {
  return { dialect, ...format, ...(truncate === undefined ? {} : { truncate }) }
}

/** `cellFor` with the format options already made (see `cellFormat`). */
export function formattedCell(column: Column, value: unknown, options: FormatOptions, href?: string): CellModel {
  return kindCell(kindOf(column), column, value, options, href)
}

/** `formattedCell` with the column's kind already looked up (a list does it once per column). */
export function kindCell(kind: Kind, column: Column, value: unknown, options: FormatOptions, href?: string): CellModel {
  const display = kind.format(value, column, options)
  const title = display.full
  const cell: Mutable<CellModel> = {
    text: display.text,
    isNull: display.isNull,
    isEmpty: display.isEmpty,
    style: display.style,
  }
  if (title !== undefined) cell.title = title
  if (display.time) cell.time = display.time
  if (href !== undefined) cell.href = href
  return cell
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** A plain text cell (a foreign key's label, a key without a column). */
export function textCell(text: string, href?: string, title?: string): CellModel {
  const cell: Mutable<CellModel> = { text, isNull: false, isEmpty: text === '', style: 'plain' }
  if (href !== undefined) cell.href = href
  if (title !== undefined) cell.title = title
  return cell
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
