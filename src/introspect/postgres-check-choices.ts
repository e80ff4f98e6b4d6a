// Reads a choice list out of a CHECK constraint as pg_get_constraintdef prints it. Postgres rewrites
// `col IN ('a', 'b')` to `(col = ANY (ARRAY['a'::text, 'b'::text]))` (a varchar column gets casts on
// both sides), and keeps `(col = 'a') OR (col = 'b')`. Only these shapes over string literals count;
// anything else (other operators, functions, AND, numbers, other columns) gives null.

type Token =
  | { readonly kind: 'punct'; readonly value: string }
  | { readonly kind: 'string' | 'number' | 'word' | 'quoted'; readonly value: string }

type Node =
  | { readonly type: 'or'; readonly items: readonly Node[] }
  | { readonly type: 'eq' | 'any'; readonly left: Node; readonly right: Node }
  | { readonly type: 'in'; readonly left: Node; readonly items: readonly Node[] }
  | { readonly type: 'array'; readonly items: readonly Node[] }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'identifier'; readonly name: string; readonly quoted: boolean }
  | { readonly type: 'other' }

/** Choices of a CHECK on one table column, e.g. `CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))`. */
export function checkChoices(definition: string, column: string): string[] | null {
  return choicesOf(definition, (node) => node.name === column)
}

/** Choices of a domain's CHECK, written on the keyword VALUE: `CHECK ((VALUE = ANY (ARRAY[…])))`. */
export function domainCheckChoices(definition: string): string[] | null {
  return choicesOf(definition, (node) => !node.quoted && node.name.toUpperCase() === 'VALUE')
}

// `CHECK (…) NOT VALID` and `CHECK (…) NO INHERIT` say how the check applies, not what it allows.
const trailingWords = ['NOT', 'VALID', 'NO', 'INHERIT']

type IsTarget = (node: { name: string; quoted: boolean }) => boolean

function choicesOf(definition: string, isTarget: IsTarget): string[] | null {
  const tokens = tokenize(definition)
  if (!tokens) return null
  const parser = new Parser(tokens)
  try {
    if (!parser.acceptWord('CHECK')) return null
    const node = parser.parseOr()
    while (trailingWords.some((word) => parser.acceptWord(word))) {}
    if (!parser.done()) return null
    const choices = evaluate(node, isTarget)
    return choices && choices.length > 0 ? [...new Set(choices)] : null
  } catch {
    return null
  }
}

function evaluate(node: Node, isTarget: IsTarget): string[] | null {
  const isColumn = (n: Node) => n.type === 'identifier' && isTarget(n)
  const strings = (items: readonly Node[]) =>
    items.every((item) => item.type === 'string')
      ? items.map((item) => (item.type === 'string' ? item.value : ''))
      : null
  switch (node.type) {
    case 'or': {
      const parts = node.items.map((item) => evaluate(item, isTarget))
      return parts.every((part) => part !== null) ? parts.flat() : null
    }
    case 'eq':
      if (isColumn(node.left) && node.right.type === 'string') return [node.right.value]
      if (isColumn(node.right) && node.left.type === 'string') return [node.left.value]
      return null
    case 'any':
      return isColumn(node.left) && node.right.type === 'array' ? strings(node.right.items) : null
    case 'in':
      return isColumn(node.left) ? strings(node.items) : null
    default:
      return null
  }
}

const tokenPattern =
  /\s+|(E'(?:[^'\\]|''|\\.)*')|('(?:[^']|'')*')|("(?:[^"]|"")*")|(::|[()[\],=.])|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_$]*)/y

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = []
  tokenPattern.lastIndex = 0
  while (tokenPattern.lastIndex < text.length) {
    const match = tokenPattern.exec(text)
    if (!match) return null
    const [, escaped, plain, quoted, punct, number, word] = match
    if (escaped)
      tokens.push({ kind: 'string', value: escaped.slice(2, -1).replace(/''/g, "'").replace(/\\(.)/g, '$1') })
    else if (plain) tokens.push({ kind: 'string', value: plain.slice(1, -1).replace(/''/g, "'") })
    else if (quoted) tokens.push({ kind: 'quoted', value: quoted.slice(1, -1).replace(/""/g, '"') })
    else if (punct) tokens.push({ kind: 'punct', value: punct })
    else if (number) tokens.push({ kind: 'number', value: number })
    else if (word) tokens.push({ kind: 'word', value: word })
  }
  return tokens
}

// Words that end a cast's type name rather than continue it (`character varying`, `double precision`).
const operatorWords = new Set(['OR', 'AND', 'IN', 'ANY', 'IS', 'NOT', 'VALID', 'NO', 'INHERIT'])

class Parser {
  private position = 0
  constructor(private readonly tokens: readonly Token[]) {}

  done(): boolean {
    return this.position === this.tokens.length
  }

  acceptWord(word: string): boolean {
    const token = this.tokens[this.position]
    if (token?.kind !== 'word' || token.value.toUpperCase() !== word) return false
    this.position++
    return true
  }

  parseOr(): Node {
    const items = [this.parseComparison()]
    while (this.acceptWord('OR')) items.push(this.parseComparison())
    return items.length === 1 ? items[0]! : { type: 'or', items }
  }

  private parseComparison(): Node {
    const left = this.parseOperand()
    if (this.accept('=')) {
      if (!this.acceptWord('ANY')) return { type: 'eq', left, right: this.parseOperand() }
      this.expect('(')
      const right = this.parseOr()
      this.expect(')')
      return { type: 'any', left, right }
    }
    if (this.acceptWord('IN')) {
      this.expect('(')
      const items = this.parseList(')')
      return { type: 'in', left, items }
    }
    return left
  }

  private parseOperand(): Node {
    const node = this.parseAtom()
    while (this.accept('::')) this.skipTypeName()
    return node
  }

  private parseAtom(): Node {
    const token = this.next()
    if (token.kind === 'punct' && token.value === '(') {
      const inner = this.parseOr()
      this.expect(')')
      return inner
    }
    if (token.kind === 'word' && token.value.toUpperCase() === 'ARRAY') {
      this.expect('[')
      return { type: 'array', items: this.parseList(']') }
    }
    if (token.kind === 'string') return { type: 'string', value: token.value }
    if (token.kind === 'word' && !operatorWords.has(token.value.toUpperCase())) {
      return { type: 'identifier', name: token.value, quoted: false }
    }
    if (token.kind === 'quoted') return { type: 'identifier', name: token.value, quoted: true }
    if (token.kind === 'number') return { type: 'other' }
    throw new Error('unexpected token')
  }

  private parseList(close: string): Node[] {
    const items: Node[] = []
    if (this.accept(close)) return items
    do items.push(this.parseOperand())
    while (this.accept(','))
    this.expect(close)
    return items
  }

  // A type name: words or quoted names, maybe schema-qualified, maybe with a modifier, maybe with [].
  private skipTypeName(): void {
    let words = 0
    for (;;) {
      const token = this.tokens[this.position]
      if (token?.kind === 'quoted' || (token?.kind === 'word' && !operatorWords.has(token.value.toUpperCase()))) {
        this.position++
        words++
      } else if (token?.kind === 'punct' && token.value === '.' && words > 0) this.position++
      else break
    }
    if (words === 0) throw new Error('type name expected')
    if (this.peekPunct('(') && this.tokens[this.position + 1]?.kind === 'number') {
      this.position++
      this.parseList(')')
    }
    while (this.peekPunct('[') && this.tokens[this.position + 1]?.value === ']') this.position += 2
  }

  private peekPunct(value: string): boolean {
    const token = this.tokens[this.position]
    return token?.kind === 'punct' && token.value === value
  }

  private accept(value: string): boolean {
    if (!this.peekPunct(value)) return false
    this.position++
    return true
  }

  private expect(value: string): void {
    if (!this.accept(value)) throw new Error(`expected ${value}`)
  }

  private next(): Token {
    const token = this.tokens[this.position++]
    if (!token) throw new Error('unexpected end')
    return token
  }
}
