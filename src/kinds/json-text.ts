/**
 * JSON reshaped as text, never through JSON.parse and back: parsing would round numbers above 2^53
 * and reorder nothing we want reordered. Works on invalid JSON too (it only moves whitespace).
 */

/**
 * Drops whitespace outside strings: `{"a": [1, 2]}` → `{"a":[1,2]}`. With `atMost`, stops once it has that many
 * characters (a list cell shows 80 of a JSON that may be megabytes long).
 */
export function compactJson(text: string, atMost = Infinity): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length && out.length < atMost; i++) {
    const ch = text[i]!
    if (inString) {
      out += ch
      if (ch === '\\') out += text[++i] ?? ''
      else if (ch === '"') inString = false
    } else if (ch === '"') {
      inString = true
      out += ch
    } else if (!/\s/.test(ch)) {
      out += ch
    }
  }
  return out
}

/** Indents by two spaces per level, one member per line; empty objects and arrays stay `{}` / `[]`. */
export function prettyJson(text: string): string {
  const compact = compactJson(text)
  let out = ''
  let depth = 0
  let inString = false
  const newline = () => `\n${'  '.repeat(depth)}`
  for (let i = 0; i < compact.length; i++) {
    const ch = compact[i]!
    if (inString) {
      out += ch
      if (ch === '\\') out += compact[++i] ?? ''
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') {
      inString = true
      out += ch
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']'
      if (compact[i + 1] === close) {
        out += ch + close
        i++
      } else {
        depth++
        out += ch + newline()
      }
    } else if (ch === '}' || ch === ']') {
      depth = Math.max(0, depth - 1)
      out += newline() + ch
    } else if (ch === ',') {
      out += ch + newline()
    } else if (ch === ':') {
      out += ': '
    } else {
      out += ch
    }
  }
  return out
}
