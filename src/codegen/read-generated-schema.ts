import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SchemaMetadata } from '../introspect/metadata.js'
import { generatedHeader } from './generated-header.js'
import { schemaEnd, schemaStart, selectionMarker } from './render-schema.js'
import { TableSelection } from './table-selection.js'

/** A generated directory that is missing, hand-edited or from another version; one line, fit to show a person. */
export class GeneratedSchemaError extends Error {
  override name = 'GeneratedSchemaError'
}

export interface GeneratedSchema {
  readonly schema: SchemaMetadata
  readonly selection: TableSelection
}

/** Reads `DIR/schema.ts` back without executing it: the two JSON literals between known markers, checked by zod. */
export function readGeneratedSchema(outDir: string): GeneratedSchema {
  const path = join(outDir, 'schema.ts')
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new GeneratedSchemaError(`${path} not found: run steward generate first`)
  }
  return parseGeneratedSchema(text, path)
}

export function parseGeneratedSchema(text: string, path = 'schema.ts'): GeneratedSchema {
  const invalid = (why: string) =>
    new GeneratedSchemaError(`${path} is not a schema written by steward generate (${why}): run steward generate again`)
  if (!text.startsWith(generatedHeader)) throw invalid('no generated header')
  const lines = text.split('\n')
  const selectionLine = lines.find((line) => line.startsWith(selectionMarker))
  const start = lines.indexOf(schemaStart)
  const end = lines.indexOf(schemaEnd, start + 1)
  if (!selectionLine || start < 0 || end < 0) throw invalid('markers missing')
  try {
    const selection = TableSelection.parse(
      JSON.parse(selectionLine.slice(selectionMarker.length).replace(/ as const$/, '')),
    )
    const schema = SchemaMetadata.parse(JSON.parse(lines.slice(start + 1, end).join('\n')))
    return { schema, selection }
  } catch (error) {
    throw invalid(error instanceof SyntaxError ? 'unreadable JSON' : 'unexpected shape')
  }
}
