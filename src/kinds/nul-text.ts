import { columnStorage } from '../db/column-storage.js'
import type { DialectName } from '../introspect/metadata.js'
import type { ParseResult } from './kind.js'
import { fail } from './parse-result.js'

export const nulMessage = 'Postgres cannot store the NUL character (U+0000) in text; remove it.'

/** A refusal when `input` holds a NUL the dialect's text cannot store; undefined when it can be bound as is. */
export function refuseNul(input: string, dialect: DialectName): ParseResult | undefined {
  return !columnStorage[dialect].nulInText && input.includes('\0') ? fail(nulMessage) : undefined
}
