import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sameIdentifier, splitTopLevel, tokenizeSql } from '../../src/introspect/sqlite-sql-tokens.js'

const kinds = (sql: string) => tokenizeSql(sql).map((t) => `${t.type}:${t.value}`)

describe('tokenizeSql', () => {
  it('reads every quoting style as one token with its unescaped value', () => {
    assert.deepEqual(kinds(`"a ""b"" c" \`d\`\`e\` [f "g"] 'h''i, (j)'`), [
      'identifier:a "b" c',
      'identifier:d`e',
      'identifier:f "g"',
      "string:h'i, (j)",
    ])
  })
  it('drops comments and whitespace but keeps offsets into the source', () => {
    const source = `a /* (, */ -- ) ,\n ( x'0A' 1.5e3 .5 0x1F Ünï_$ )`
    const tokens = tokenizeSql(source)
    assert.deepEqual(
      tokens.map((t) => `${t.type}:${t.text}`),
      ['word:a', 'punct:(', "blob:x'0A'", 'number:1.5e3', 'number:.5', 'number:0x1F', 'word:Ünï_$', 'punct:)'],
    )
    for (const token of tokens) assert.equal(source.slice(token.start, token.end), token.text)
  })
  it('runs an unterminated quote or comment to the end instead of throwing', () => {
    assert.deepEqual(kinds(`a 'open`), ['word:a', 'string:open'])
    assert.deepEqual(kinds(`a /* open`), ['word:a'])
    assert.deepEqual(kinds(`"open`), ['identifier:open'])
  })
})

describe('splitTopLevel', () => {
  it('splits only at commas outside parentheses', () => {
    const tokens = tokenizeSql(`a, f(b, c), 'd,e', (g, h)`)
    const parts = splitTopLevel(tokens, 0, tokens.length).map((part) => part.map((t) => t.text).join(''))
    assert.deepEqual(parts, ['a', 'f(b,c)', "'d,e'", '(g,h)'])
  })
})

describe('sameIdentifier', () => {
  it('folds ASCII letters only, as SQLite does', () => {
    assert.equal(sameIdentifier('User_ID', 'user_id'), true)
    assert.equal(sameIdentifier('Ü', 'ü'), false)
  })
})
