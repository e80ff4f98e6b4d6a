import type { WriteFailure } from './write-failure.js'

/**
 * What pages say when a write is refused, each in one wording. A database refusal without its own entry
 * here (a CHECK, an invalid value, a lost connection…) is shown by its `DatabaseError` message, which the
 * dialect words when it maps the driver's error; the driver's own text never reaches a page.
 */
export const writeMessages = {
  /** A NOT NULL column left empty, found by the form or by the database. */
  required: 'This field is required.',
  notUnique: (columnLabels: readonly string[]): string =>
    columnLabels.length > 1
      ? `Another row already has this combination of ${columnLabels.join(' and ')}.`
      : 'Another row already has this value; it must be unique.',
  /** A foreign key's value that names no row of the referenced table. */
  noSuchRow: (tableLabel: string): string => `There is no row in ${tableLabel} with this value.`,
  /** A save that would leave the row outside the rows this user may see (the table's `scope`). */
  outsideScope: 'This row would then be outside the rows you may see, so nothing was saved.',
  ambiguous:
    'More than one row matches this record (identical rows of a table without a key, or rows that share a key holding NULL), so nothing was changed.',
  /** A save the database could not take at the moment (down or busy): `reason` is the error's message. */
  notSaved: (reason: string): string => `${reason} Nothing was saved; try again in a moment.`,
} as const

/** The delete page's message for a delete that did not happen. */
export function notDeletedMessage(failure: WriteFailure): string {
  if (failure.status === 'refused') return failure.message
  return failure.error.code === 'foreign_key'
    ? 'Other rows still refer to this data, so nothing was deleted. The list below shows what blocks it.'
    : `${failure.error.message} Nothing was deleted.`
}
