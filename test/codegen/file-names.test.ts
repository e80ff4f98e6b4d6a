import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { importSpecifier, safeFileName, tableModulePath } from '../../src/codegen/file-names.js'

describe('safeFileName', () => {
  it('keeps plain lower-case names as they are', () => {
    assert.equal(safeFileName('users'), 'users')
    assert.equal(safeFileName('order_items_2'), 'order_items_2')
    assert.equal(safeFileName('select'), 'select')
  })

  it('slugs any other name and adds a hash of its exact spelling', () => {
    assert.match(safeFileName('Order Items'), /^order-items-[0-9a-f]{8}$/)
    assert.match(safeFileName('Mixed Case Ünïcode'), /^mixed-case-unicode-[0-9a-f]{8}$/)
    assert.match(safeFileName('a"b\'c/d\\e'), /^a-b-c-d-e-[0-9a-f]{8}$/)
    assert.match(safeFileName('日本語'), /^table-[0-9a-f]{8}$/)
    assert.match(safeFileName('../../etc/passwd'), /^etc-passwd-[0-9a-f]{8}$/)
    assert.match(safeFileName(''), /^table-[0-9a-f]{8}$/)
  })

  it('never gives two names one file, not even on a case-insensitive file system', () => {
    const names = [
      'users',
      'Users',
      'USERS',
      'users ',
      ' users',
      'users.',
      'Order Items',
      'order items',
      'order-items',
      'con',
      'CON',
    ]
    const files = names.map((name) => safeFileName(name).toLowerCase())
    assert.equal(new Set(files).size, names.length)
  })

  it('avoids names Windows reserves for devices', () => {
    assert.match(safeFileName('con'), /^con-[0-9a-f]{8}$/)
    assert.match(safeFileName('lpt1'), /^lpt1-[0-9a-f]{8}$/)
  })

  it('keeps file names short', () => {
    assert.ok(safeFileName('x'.repeat(300)).length <= 69)
    assert.ok(safeFileName('X'.repeat(300)).length <= 69)
  })

  it('is deterministic', () => {
    assert.equal(safeFileName('Order Items'), safeFileName('Order Items'))
  })
})

describe('tableModulePath and importSpecifier', () => {
  it('puts each table under its schema', () => {
    assert.equal(tableModulePath({ schema: 'public', name: 'users' }), 'tables/public/users.ts')
    assert.match(
      tableModulePath({ schema: 'Billing Dept', name: 'user' }),
      /^tables\/billing-dept-[0-9a-f]{8}\/user\.ts$/,
    )
  })

  it('builds relative .js specifiers', () => {
    assert.equal(importSpecifier('index.ts', 'tables/public/users.ts'), './tables/public/users.js')
    assert.equal(importSpecifier('tables/public/users.ts', 'db.ts'), '../../db.js')
    assert.equal(
      importSpecifier('/p/generated/schema.ts', '/p/src/introspect/metadata.ts'),
      '../src/introspect/metadata.js',
    )
  })
})
