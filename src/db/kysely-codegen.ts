import { createRequire } from 'node:module'
import type * as Codegen from 'kysely-codegen'

/**
 * kysely-codegen, required rather than imported: it is CommonJS and requires typescript, an optional peer of
 * the installed package. On Node 20 a CommonJS module that throws while an ES module imports it is also
 * reported as an uncaught exception, whatever catches the import; a require() throws once, to its caller.
 */
const require = createRequire(import.meta.url)
export const codegen = require('kysely-codegen') as typeof Codegen

/** One of kysely-codegen's own modules (`dist/…`), the instance its other modules use. */
export function codegenModule(path: string): unknown {
  return require(`kysely-codegen/${path}`)
}
