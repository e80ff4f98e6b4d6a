import { z } from 'zod'
import { kindOf } from '../kinds/registry.js'
import type { FieldSpec } from './form-fields.js'
import { byColumn } from '../records/by-column.js'

/**
 * The zod schema of a form's parsed values, built from the metadata: each writable column's kind
 * schema (type, length, precision and scale, choices), nullable where the column is. Keys are
 * optional because a column left to its default, or unchanged in an edit, is not written.
 */
export function formSchema(fields: readonly FieldSpec[]): z.ZodObject {
  const shape = byColumn<z.ZodType>()
  for (const field of fields) {
    if (field.readOnly) continue
    const base = kindOf(field.column).schema(field.column)
    shape[field.column.name] = (field.column.nullable ? base.nullable() : base).optional()
  }
  return z.object(shape).strict()
}
