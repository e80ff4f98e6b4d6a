import { sql, type Kysely } from 'kysely'
import type { Resource } from '../resources/resource.js'
import type { FilterChoiceCache, FilterChoices } from './filter-choice-cache.js'
import { computedText } from './computed-text.js'
import { computedSql } from './sql-identifiers.js'
import { isScoped, rowSource, type Reader } from '../records/scoped-from.js'
import { compare } from '../introspect/normalize.js'

/** A computed filter is a drop-down when its expression takes at most this many values; else a text box. */
const maxChoices = 50

/**
 * The choices of the list's computed filters: the expression's distinct values (one query per filter unless
 * the cache has them), or null when there are more than a drop-down should hold. Each value is offered as
 * its text, which is what the filter matches (see `listWhere`).
 */
export async function loadComputedChoices(
  db: Kysely<any>,
  resource: Resource,
  { user, cache }: { readonly user: Reader; readonly cache?: FilterChoiceCache | undefined },
): Promise<Map<string, FilterChoices>> {
  // A scoped table's values depend on who asks: read every time, never shared between users.
  const shared = isScoped(resource) ? undefined : cache
  const choices = new Map<string, FilterChoices>()
  for (const field of resource.computed) {
    if (!resource.filterFields.includes(field.name)) continue
    const key = JSON.stringify(['computed', resource.table.schema, resource.table.name, field.name])
    const cached = shared?.get(key)
    if (cached !== undefined) {
      choices.set(field.name, cached)
      continue
    }
    const expression = computedSql(field)
    const { rows } = await sql<{ value: unknown }>`
      select distinct ${expression} as value from ${rowSource(db, resource, user)} where ${expression} is not null
      limit ${maxChoices + 1}`.execute(db)
    const read: FilterChoices =
      rows.length > maxChoices
        ? null
        : sortValues(rows.map((row) => row.value)).map((value) => {
            const text = computedText(value) ?? ''
            return { value: text, label: text }
          })
    shared?.set(key, read)
    choices.set(field.name, read)
  }
  return choices
}

const numberText = /^-?\d+(\.\d+)?$/

/** Numbers (and a driver's numeric text, as Postgres's bigint) by size, anything else by its text in code-point order. */
function sortValues(values: readonly unknown[]): unknown[] {
  const numeric = (value: unknown) => typeof value === 'number' || numberText.test(String(value))
  return [...values].sort((a, b) => (numeric(a) && numeric(b) ? Number(a) - Number(b) : compare(String(a), String(b))))
}
