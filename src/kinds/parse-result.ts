import type { ParseResult } from './kind.js'

export function ok(value: unknown): ParseResult {
  return { ok: true, value }
}

export function fail(message: string): ParseResult {
  return { ok: false, message }
}
