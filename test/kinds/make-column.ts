import type { Column } from '../../src/introspect/metadata.js'

/** A column with plain defaults, overridden per test case. */
export function makeColumn(overrides: Partial<Column> & Pick<Column, 'kind'>): Column {
  return {
    name: 'c',
    dataType: overrides.baseType ?? 'text',
    baseType: 'text',
    nullable: true,
    default: null,
    identity: null,
    autoIncrement: false,
    generated: null,
    length: null,
    precision: null,
    scale: null,
    choices: null,
    arrayElementType: null,
    domain: null,
    comment: null,
    ...overrides,
  }
}
