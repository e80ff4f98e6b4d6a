import type { SchemaMetadata } from '../introspect/metadata.js'
import { stewardSpecifier } from './file-names.js'
import { generatedHeader } from './generated-header.js'
import type { TableSelection } from './table-selection.js'

/** Markers around the two JSON literals in `schema.ts`; `read-generated-schema.ts` parses between them. */
export const selectionMarker = 'export const selection = '
export const schemaStart = 'export const schema: SchemaMetadata = deepFreeze('
export const schemaEnd = ')'

/**
 * `schema.ts`: the metadata as data. It is written as JSON (which is also a TypeScript expression) so
 * `steward generate --check` can read it back with JSON.parse instead of executing the file.
 * Only types are imported from Steward, so the file runs wherever it is copied.
 */
export function renderSchema(metadata: SchemaMetadata, selection: TableSelection): string {
  return [
    generatedHeader,
    `import type { SchemaMetadata } from '${stewardSpecifier}'`,
    '',
    '/** The tables `steward generate` was asked for; `steward generate --check` reads the same ones. */',
    `${selectionMarker}${JSON.stringify(selection)} as const`,
    '',
    schemaStart,
    formatJson(metadata, 0),
    schemaEnd,
    '',
    'function deepFreeze<T>(value: T): T {',
    "  if (value && typeof value === 'object' && !Object.isFrozen(value)) {",
    '    Object.freeze(value)',
    '    for (const child of Object.values(value)) deepFreeze(child)',
    '  }',
    '  return value',
    '}',
    '',
  ].join('\n')
}

/**
 * JSON with one line per column, key, index or constraint: readable in a diff, and far smaller than
 * fully indented JSON for a schema of hundreds of tables.
 */
function formatJson(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0 || value.every((item) => item === null || typeof item !== 'object'))
      return JSON.stringify(value)
    return block(
      '[',
      ']',
      value.map((item) => formatJson(item, depth + 1)),
      depth,
    )
  }
  if (value !== null && typeof value === 'object' && depth < 4) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${formatJson(item, depth + 1)}`)
    return block('{', '}', entries, depth)
  }
  return JSON.stringify(value)
}

function block(open: string, close: string, lines: string[], depth: number): string {
  const indent = '  '.repeat(depth + 1)
  return `${open}\n${lines.map((line) => indent + line).join(',\n')}\n${'  '.repeat(depth)}${close}`
}
