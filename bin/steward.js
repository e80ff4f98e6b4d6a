#!/usr/bin/env node
// Runs the bundled CLI (dist/steward.mjs): always in an installed package, which ships the build and no
// sources; in a checkout (built at install time) only while it is newer than every source file, and otherwise
// the TypeScript sources through tsx, with the project's tsconfig wherever it is called from.
import module from 'node:module'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = join(root, 'dist', 'steward.mjs')

function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

const checkout = existsSync(join(root, 'src', 'cli', 'bin.ts'))
const fresh =
  !checkout ||
  (existsSync(bundle) &&
    statSync(bundle).mtimeMs >= Math.max(newestSource(join(root, 'src')), newestSource(join(root, 'views'))))
if (fresh) {
  // From Node 22.1 the compiled code of the bundle is kept between runs (in the OS temp directory, or where
  // NODE_COMPILE_CACHE says): later starts skip most of the parsing and compiling. Node 20 has no such cache.
  module.enableCompileCache?.()
  await import(bundle)
} else {
  const tsconfig = join(root, 'tsconfig.json')
  ;(await import('tsx/esm/api')).register({ tsconfig })
  // As tsx's own CLI does: a .ts file outside an ES module package (a user's config) loads as CommonJS.
  ;(await import('tsx/cjs/api')).register()
  await import('../src/cli/bin.ts')
}
