import type { Table } from '../introspect/metadata.js'
import { humanize } from './labels.js'
import type { SearchPath } from './resource.js'

export interface SearchPathContext {
  readonly id: string
  /** Tables by schema and name. */
  readonly table: (schema: string, name: string) => Table | undefined
  readonly problems: string[]
}

/**
 * A search field through a foreign key, as Django's `customer__email`: the foreign key's column (or, when
 * only one foreign key goes there, the referenced table's name), a dot, and a column of the referenced table.
 * A path that names nothing is reported in `problems` and left out.
 */
export function resolveSearchPath(table: Table, path: string, ctx: SearchPathContext): SearchPath | null {
  const dot = path.indexOf('.')
  const head = path.slice(0, dot)
  const tail = path.slice(dot + 1)
  const unknown = (why: string) => {
    ctx.problems.push(`tables.${ctx.id}.searchFields: unknown path "${path}" (${why})`)
    return null
  }
  if (dot <= 0 || tail === '')
    return unknown('neither a column nor a foreign key column, a dot and a column of the table it references')
  const byColumn = table.foreignKeys.filter((fk) => fk.columns.length === 1 && fk.columns[0] === head)
  const byTable = table.foreignKeys.filter((fk) => fk.refTable === head)
  const fks = byColumn.length > 0 ? byColumn : byTable
  if (fks.length === 0) return unknown(`no foreign key of ${ctx.id} has the column or references the table "${head}"`)
  if (fks.length > 1) return unknown(`${fks.length} foreign keys reference "${head}"; name the foreign key's column`)
  const fk = fks[0]!
  const target = ctx.table(fk.refSchema, fk.refTable)
  const column = target?.columns.find((c) => c.name === tail)
  if (!column) return unknown(`${fk.refTable} has no column "${tail}"`)
  const via = fk.columns.length === 1 && /._id$/i.test(fk.columns[0]!) ? fk.columns[0]!.slice(0, -3) : fk.refTable
  return { path, fk, column, label: `${humanize(via)} ${humanize(tail).toLowerCase()}` }
}
