const special = /[&<>'"]/
const specials = /[&<>'"]/g
const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
}

/**
 * Text made safe inside an element or a quoted attribute value, escaped exactly as hono/jsx escapes it,
 * for the parts of a page built as strings (a list's rows) rather than as an element tree.
 */
export function escapeHtml(text: string): string {
  return special.test(text) ? text.replace(specials, (c) => entities[c]!) : text
}
