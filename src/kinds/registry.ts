import type { Column, ColumnKind } from '../introspect/metadata.js'
import { arrayKind } from './array.js'
import { bigintKind } from './bigint.js'
import { binaryKind } from './binary.js'
import { booleanKind } from './boolean.js'
import { dateKind } from './date.js'
import { datetimeKind } from './datetime.js'
import { decimalKind } from './decimal.js'
import { enumKind } from './enum.js'
import { floatKind } from './float.js'
import { integerKind } from './integer.js'
import { intervalKind } from './interval.js'
import { jsonKind } from './json.js'
import type { Kind } from './kind.js'
import { networkKind } from './network.js'
import { textKind } from './text.js'
import { timeKind } from './time.js'
import { unknownKind } from './unknown.js'
import { uuidKind } from './uuid.js'

/** Every kind by name; the `Record` type makes a missing kind a compile error. */
export const kinds: Readonly<Record<ColumnKind, Kind>> = Object.freeze({
  text: textKind,
  integer: integerKind,
  bigint: bigintKind,
  decimal: decimalKind,
  float: floatKind,
  boolean: booleanKind,
  date: dateKind,
  datetime: datetimeKind,
  time: timeKind,
  interval: intervalKind,
  uuid: uuidKind,
  json: jsonKind,
  enum: enumKind,
  array: arrayKind,
  binary: binaryKind,
  network: networkKind,
  unknown: unknownKind,
})

/**
 * The kind that handles a column's values.
 * @example kindOf(column).format(row[column.name], column, { dialect: 'postgres', truncate: 80 })
 */
export function kindOf(column: Pick<Column, 'kind'>): Kind {
  return kinds[column.kind] ?? unknownKind
}
