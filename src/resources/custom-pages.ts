import type { SchemaMetadata } from '../introspect/metadata.js'
import type { StewardConfig } from './define-config.js'

/**
 * Where custom pages are served below the admin's base path. Table pages are `/<schema>/<table>`, so only a
 * schema of this very name could produce the same URLs: `customPageProblems` refuses that at start-up.
 */
export const customPagePrefix = '/_pages'

/** The config's `pages` that cannot be served: two with one path, or a schema whose tables they would shadow. */
export function customPageProblems(pages: StewardConfig['pages'], schema: SchemaMetadata): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const page of pages ?? []) {
    const path = normalizePagePath(page.path)
    if (seen.has(path)) problems.push(`pages: the path "${page.path}" is used by two pages`)
    seen.add(path)
  }
  const prefixSchema = customPagePrefix.slice(1)
  if ((pages ?? []).length > 0 && schema.tables.some((table) => table.schema === prefixSchema))
    problems.push(
      `pages: custom pages are served under ${customPagePrefix}, which is also where the tables of schema "${prefixSchema}" would be; rename the schema or leave pages out`,
    )
  return problems
}

/** `/reports/` and `/reports` are one page (routing is not strict about a trailing slash). */
export function normalizePagePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path
}
