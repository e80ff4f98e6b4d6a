import { sql, type RawBuilder } from 'kysely'
import type { OrderTerm, Ordering } from './ordering.js'
import { columnId, computedSql } from './sql-identifiers.js'

/** `a desc, b desc`: the ordering's terms, each flipped when reading backwards (a "previous" page). */
export function orderByClause(ordering: Ordering, backwards = false): RawBuilder<unknown> {
  return sql.join(
    ordering.terms.map((term) => sql`${termSql(term)} ${sql.raw(term.desc !== backwards ? 'desc' : 'asc')}`),
  )
}

/** `(a, b) > ($1, $2)`, or `<` for descending; the terms share one direction in keyset mode. */
export function keysetCondition(
  ordering: Ordering,
  values: readonly unknown[],
  backwards = false,
): RawBuilder<unknown> {
  const desc = ordering.terms[0]?.desc ?? false
  const op = sql.raw(desc !== backwards ? '<' : '>')
  const left = sql.join(ordering.terms.map(termSql))
  const right = sql.join(values.map((value) => sql`${value}`))
  return ordering.terms.length === 1 ? sql`${left} ${op} ${right}` : sql`(${left}) ${op} (${right})`
}

function termSql(term: OrderTerm): RawBuilder<unknown> {
  return term.computed ? computedSql(term.computed) : columnId(term.column)
}
