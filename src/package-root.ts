import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Steward's own folder (the one holding its package.json): where `public/` and `src/` are, whether
 * this code runs from `src/` through tsx or from the bundle in `dist/` (the CLI's, or the installed package's).
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)))

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return start
  }
}
