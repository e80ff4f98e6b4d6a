/**
 * Postgres array literals (`{1,2,"a b",NULL}`), written and checked here so that arrays travel as
 * one text parameter the server parses itself — exact for numeric and int8 elements, which JSON
 * numbers would round. https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO
 */

/** The literal for a driver value: a JS array (possibly nested) or a literal the driver left as text. */
export function toArrayLiteral(value: unknown): string {
  if (typeof value === 'string') return value
  if (!Array.isArray(value)) return quote(String(value))
  return `{${value.map(element).join(',')}}`
}

function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (Array.isArray(value)) return toArrayLiteral(value)
  if (Buffer.isBuffer(value)) return quote(`\\x${value.toString('hex')}`)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'string') return needsQuotes(value) ? quote(value) : value
  return quote(JSON.stringify(value))
}

function needsQuotes(text: string): boolean {
  return text === '' || /^null$/i.test(text) || /[{}",\\\s]/.test(text)
}

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`
}

/** A JSON array typed into the form, as a literal; strings and numbers only (and nested arrays, null). */
export function jsonArrayToLiteral(items: unknown[]): string | undefined {
  const parts: string[] = []
  for (const item of items) {
    if (Array.isArray(item)) {
      const inner = jsonArrayToLiteral(item)
      if (inner === undefined) return undefined
      parts.push(inner)
    } else if (item === null || ['string', 'number', 'boolean'].includes(typeof item)) {
      parts.push(element(item))
    } else {
      parts.push(quote(JSON.stringify(item)))
    }
  }
  return `{${parts.join(',')}}`
}

/** Whether `text` is a well-formed literal: balanced braces, closed quotes, nothing after the last brace. */
export function isArrayLiteral(text: string): boolean {
  // An optional dimension decoration like `[0:2]=` may precede the braces.
  const body = text.replace(/^(\[-?\d+:-?\d+\])+=/, '')
  if (!body.startsWith('{')) return false
  let depth = 0
  let inQuotes = false
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (inQuotes) {
      if (ch === '\\') i++
      else if (ch === '"') inQuotes = false
    } else if (ch === '"') inQuotes = true
    else if (ch === '{') depth++
    else if (ch === '}') {
      depth--
      if (depth === 0) return body.slice(i + 1).trim() === ''
      if (depth < 0) return false
    }
  }
  return false
}
