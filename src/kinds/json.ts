import { z } from 'zod'
import { dialectFor } from '../db/dialects.js'
import { displayText, nullDisplay, plainText, titleText } from './display-value.js'
import { compactJson, prettyJson } from './json-text.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

/** JSON stays text: what is shown and saved is what the database holds (the `null` literal is not SQL NULL). */
export const jsonKind: Kind = {
  name: 'json',
  searchable: false,
  filterOperators: ['null'],
  format(value, _column, options) {
    if (value === null || value === undefined) return nullDisplay
    const text = plainText(value)
    if (options.truncate !== undefined) {
      // Enough of it to fill the cell and show that there is more (code points: at most two units each).
      const compact = compactJson(text, 2 * (options.truncate + 1))
      return { ...displayText(compact, 'json', options), full: titleText(text) }
    }
    return displayText(prettyJson(text), 'json', options)
  },
  parse(input, column, dialect) {
    let parsed: unknown
    try {
      parsed = JSON.parse(input)
    } catch (error) {
      return fail(`Enter valid JSON (${describe(error)}).`)
    }
    // Strings kept as the engine's text (jsonb's): no NUL (`\u0000`) and no lone surrogate (`\ud800`).
    if (dialectFor(dialect).values.jsonTextTypes.has(column.baseType) && !storableInJsonb(parsed)) {
      return fail('jsonb cannot store \\u0000 or an unpaired surrogate (\\ud800) in a string.')
    }
    return ok(input)
  },
  schema: () => z.string(),
  widget: () => ({ type: 'json' }),
  toInput: (value) => plainText(value),
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  if (/Unexpected end/i.test(message)) return 'it ends too early'
  const position = /position (\d+)/.exec(message)?.[1]
  return position === undefined ? 'it is not well-formed' : `a problem at character ${Number(position) + 1}`
}

function storableInJsonb(value: unknown): boolean {
  if (typeof value === 'string')
    return (
      !value.includes('\0') && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)
    )
  if (Array.isArray(value)) return value.every(storableInJsonb)
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).every(([key, item]) => storableInJsonb(key) && storableInJsonb(item))
  return true
}
