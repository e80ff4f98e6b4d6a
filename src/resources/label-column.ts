import type { Column, Table } from '../introspect/metadata.js'

// Names people give the column that identifies a row to a human, best first, compared without case or
// underscores (`display_name`, `DisplayName`). `title` comes after `email`: in a table of people it is a job title.
const preferred = ['name', 'displayname', 'fullname', 'username', 'email', 'title', 'label', 'slug', 'code', 'sku']

/**
 * The column that names a row where other tables point at it: a name/title/email-like text column,
 * else null (the key is shown). Only text columns qualify: a number is no better than the key.
 */
export function defaultLabelColumn(table: Table, visible: readonly Column[]): string | null {
  const candidates = visible.filter((column) => column.kind === 'text' || column.kind === 'enum')
  const lower = new Map(candidates.map((column) => [column.name.toLowerCase().replaceAll('_', ''), column.name]))
  for (const name of preferred) {
    const found = lower.get(name)
    if (found) return found
  }
  const suffixed = candidates.find(
    (column) => /(^|_)(name|title|email)$/i.test(column.name) || /[a-z0-9](Name|Title|Email)$/.test(column.name),
  )
  if (suffixed) return suffixed.name
  return table.primaryKey.length === 0 && candidates[0] ? candidates[0].name : null
}
