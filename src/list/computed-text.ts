/**
 * A computed column's value as text: it has no column type, so it is shown as the database returned it
 * (numbers and strings as they are, dates as their text, JSON as JSON); NULL is null here.
 */
export function computedText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
