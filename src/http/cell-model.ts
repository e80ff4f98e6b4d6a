import type { CellModel } from '../../views/view-model.js'
import type { Column, DialectName } from '../introspect/metadata.js'
import { kindOf } from '../kinds/registry.js'
import type { Resource } from '../resources/resource.js'
import { relativeTime } from './relative-time.js'

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
 * A stored value as a view shows it, formatted by its column's kind; `truncate` for list cells. A point in
 * time gets the relative time (`3 days ago`) as its title.
 */
export function cellFor(
  column: Column,
  value: unknown,
  dialect: DialectName,
  truncate?: number,
  href?: string,
  format: ValueFormat = {},
): CellModel {
  const display = kindOf(column).format(value, column, {
    dialect,
    ...format,
    ...(truncate === undefined ? {} : { truncate }),
  })
  const title = display.full ?? (display.time ? timeTitle(display.time) : undefined)
  return {
    text: display.text,
    ...(title !== undefined ? { title } : {}),
    ...(display.time ? { time: display.time } : {}),
    isNull: display.isNull,
    isEmpty: display.isEmpty,
    style: display.style,
    ...(href !== undefined ? { href } : {}),
  }
}

function timeTitle(time: { readonly datetime: string; readonly zoned: boolean }): string | undefined {
  const relative = relativeTime(time.datetime, Date.now())
  if (time.zoned) return relative
  return relative === undefined ? 'No time zone stored' : `${relative} (no time zone stored)`
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
