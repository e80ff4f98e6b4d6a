import { z } from 'zod'
import { displayText, nullDisplay, plainText } from './display-value.js'
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
    if (options.truncate !== undefined) return { ...displayText(compactJson(text), 'json', options), full: text }
    return displayText(prettyJson(text), 'json', options)
  },
  parse(input) {
    try {
      JSON.parse(input)
    } catch (error) {
      return fail(`Enter valid JSON (${describe(error)}).`)
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
