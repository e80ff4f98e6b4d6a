import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../logger.js'
import { packageRoot } from '../package-root.js'

/** The fingerprinted files `scripts/build-css.mjs` wrote; served with year-long immutable caching. */
export interface Assets {
  readonly dir: string
  readonly css: string | null
  readonly js: string | null
}

export const publicDir = join(packageRoot, 'public')

/**
 * Reads `public/manifest.json` once. The stylesheet is built at install time (`npm run build:css`),
 * never per request; without it pages still work, unstyled, and a warning says how to build it.
 */
export function loadAssets(logger: Logger, dir = publicDir): Assets {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { css?: unknown; js?: unknown }
    const name = (value: unknown) => (typeof value === 'string' && /^[\w.-]+$/.test(value) ? value : null)
    return { dir, css: name(manifest.css), js: name(manifest.js) }
  } catch {
    logger.warn(`steward: no stylesheet in ${dir} (run "npm run build:css"); pages will be unstyled`)
    return { dir, css: null, js: null }
  }
}
