import type { CellModel } from '../../views/view-model.js'
import type { Column, DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'

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

export const numericKinds = new Set(['integer', 'bigint', 'decimal', 'float'])
