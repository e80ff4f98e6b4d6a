// Writes the declarations of the public API (src/index.ts and every module it reaches) to dist/types/, before
// `npm pack`: TypeScript 7 emits them (tsconfig.build.json), esbuild the JavaScript (build-js.mjs).
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const started = performance.now()
rmSync(join(root, 'dist', 'types'), { recursive: true, force: true })
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
if (result.status !== 0) {
  console.error('build-types: tsc failed')
  process.exit(1)
}
console.log(`build-types: dist/types/ in ${Math.round(performance.now() - started)} ms`)
