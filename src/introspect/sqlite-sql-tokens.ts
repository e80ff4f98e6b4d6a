/**
 * A small tokenizer for the SQL SQLite keeps in `sqlite_schema`, enough to find constraint clauses:
 * comments and whitespace are dropped, quoted identifiers and strings are single tokens (so parentheses
 * and commas inside them are harmless), and every token keeps its offsets so expressions can be sliced
 * out of the original text. It never throws: an unterminated quote or comment runs to the end.
 * https://www.sqlite.org/lang_keywords.html (quoting rules)
 */
export interface SqlToken {
  /** `identifier` is a quoted one ("…", `…`, […]); a bare name or keyword is a `word`. */
  readonly type: 'word' | 'identifier' | 'string' | 'number' | 'blob' | 'punct'
  /** The source text of the token. */
  readonly text: string
  /** Quotes removed and doubled quotes unescaped, for identifiers and strings; else the text. */
  readonly value: string
  readonly start: number
  readonly end: number
}

const closers: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']', "'": "'" }
const numberPattern = /0x[0-9a-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/iy
// SQLite lets any character at or above U+0080 appear in a bare identifier.
const wordPattern = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y

export function tokenizeSql(source: string): SqlToken[] {
  const tokens: SqlToken[] = []
  let i = 0
  const push = (type: SqlToken['type'], end: number, value?: string) => {
    const text = source.slice(i, end)
    tokens.push({ type, text, value: value ?? text, start: i, end })
    i = end
  }
  while (i < source.length) {
    const ch = source[i] as string
    if (/\s/.test(ch)) {
      i++
    } else if (source.startsWith('--', i)) {
      const newline = source.indexOf('\n', i)
      i = newline < 0 ? source.length : newline + 1
    } else if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2)
      i = close < 0 ? source.length : close + 2
    } else if ((ch === 'x' || ch === 'X') && source[i + 1] === "'") {
      const end = quotedEnd(source, i + 1, "'")
      push('blob', end)
    } else if (ch in closers) {
      const close = closers[ch] as string
      const end = quotedEnd(source, i, close)
      const inner = source.slice(i + 1, source[end - 1] === close && end - 1 > i ? end - 1 : end)
      // Brackets have no escape; the other quotes escape themselves by doubling.
      const value = ch === '[' ? inner : inner.split(close + close).join(close)
      push(ch === "'" ? 'string' : 'identifier', end, value)
    } else if (/[0-9.]/.test(ch) && matchAt(numberPattern, source, i)) {
      push('number', i + matchAt(numberPattern, source, i))
    } else if (matchAt(wordPattern, source, i)) {
      push('word', i + matchAt(wordPattern, source, i))
    } else {
      push('punct', i + 1)
    }
  }
  return tokens
}

/** The offset just past the closing quote that matches the one at `start` (doubled quotes do not close). */
function quotedEnd(source: string, start: number, close: string): number {
  let i = start + 1
  while (i < source.length) {
    if (source[i] === close) {
      if (close !== ']' && source[i + 1] === close) i += 2
      else return i + 1
    } else {
      i++
    }
  }
  return source.length
}

function matchAt(pattern: RegExp, source: string, at: number): number {
  pattern.lastIndex = at
  return pattern.exec(source)?.[0].length ?? 0
}

export function isKeyword(token: SqlToken | undefined, ...words: string[]): boolean {
  return token?.type === 'word' && words.includes(token.text.toUpperCase())
}

export function isPunct(token: SqlToken | undefined, text: string): boolean {
  return token?.type === 'punct' && token.text === text
}

/** The name a token stands for where SQLite expects an identifier (it accepts 'strings' there too). */
export function identifierOf(token: SqlToken | undefined): string | undefined {
  return token && (token.type === 'word' || token.type === 'identifier' || token.type === 'string')
    ? token.value
    : undefined
}

/** The index of the `)` that closes the `(` at `open`, or the last index when it is never closed. */
export function closingParen(tokens: readonly SqlToken[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++
    else if (isPunct(tokens[i], ')') && --depth === 0) return i
  }
  return tokens.length - 1
}

/** Splits `tokens[from..to)` at the commas that are not nested in parentheses. */
export function splitTopLevel(tokens: readonly SqlToken[], from: number, to: number): SqlToken[][] {
  const parts: SqlToken[][] = [[]]
  let depth = 0
  for (let i = from; i < to; i++) {
    const token = tokens[i] as SqlToken
    if (isPunct(token, '(')) depth++
    else if (isPunct(token, ')')) depth--
    if (depth === 0 && isPunct(token, ',')) parts.push([])
    else parts[parts.length - 1]?.push(token)
  }
  return parts.filter((part) => part.length > 0)
}

/** SQLite compares identifiers case-insensitively, folding ASCII letters only. */
export function sameIdentifier(a: string, b: string): boolean {
  return foldIdentifier(a) === foldIdentifier(b)
}

export function foldIdentifier(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
}
