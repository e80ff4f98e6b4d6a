import { sql, type RawBuilder } from 'kysely'
import type { Column } from '../introspect/metadata.js'
import { indexLeadingColumns } from '../introspect/index-leading-columns.js'
import type { Resource } from '../resources/resource.js'
import { escapeLike, searchCastsToText } from './filters.js'
import { columnId } from './sql-identifiers.js'

/**
 * The text columns among `names` that an index starts with (the key, a unique constraint, a plain index): a
 * prefix of their values is a range of that index. A column searched through a cast is left out (the index is
 * on the column, not on its text). Defaults to the label and search fields.
 */
export function prefixColumns(resource: Resource, names: Iterable<string> = labelAndSearchFields(resource)): Column[] {
  const { table } = resource
  const leading = indexLeadingColumns(table)
  const wanted = new Set(names)
  return resource.columns.filter(
    (column) => wanted.has(column.name) && leading.has(column.name) && !searchCastsToText(column),
  )
}

/**
 * `columns` matched by a prefix, written as ranges, which a btree index answers, with the `like` keeping each match
 * exact. A range is case-sensitive, so the term is tried as typed, in lower case, capitalised, in title case and in
 * upper case: "lee p" finds "Lee Park" (but "mcd" not "McDonald"). Under a linguistic collation a range can miss a few values a prefix would
 * find; a small table is searched in full instead. Null when there is no column.
 */
export function prefixCondition(
  resource: Resource,
  q: string,
  columns: readonly Column[] = prefixColumns(resource),
): RawBuilder<boolean> | null {
  const parts = columns.flatMap((column) =>
    caseVariants(q).map((term) => {
      const id = columnId(column.name)
      return sql`(${id} >= ${term} and ${id} < ${`${term}\uffff`} and ${id} like ${`${escapeLike(term)}%`} escape '\\')`
    }),
  )
  return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` or `)})`
}

function caseVariants(q: string): string[] {
  const lower = q.toLowerCase()
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1)
  const titled = lower.replace(/(^|\s)(\S)/g, (_, space: string, letter: string) => space + letter.toUpperCase())
  return [...new Set([q, lower, capitalised, titled, q.toUpperCase()])]
}

function labelAndSearchFields(resource: Resource): string[] {
  return [...(resource.labelColumn ? [resource.labelColumn] : []), ...resource.searchFields]
}
