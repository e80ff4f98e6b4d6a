// Builds the admin's assets once, at install time in a checkout (prepare), before `npm pack` (prepack) or with `npm run build:css`, never per request:
// Tailwind v4 (its CLI) compiles views/styles.css over views/ into ONE minified stylesheet, and the small
// progressive-enhancement scripts in views/static/ are joined into ONE script beside it (one request, one name). Both get a content hash in their names, so they can be
// served with year-long immutable caching; public/manifest.json tells the server which names are current.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public')
const cli = join(root, 'node_modules', '@tailwindcss', 'cli', 'dist', 'index.mjs')

if (!existsSync(cli)) {
  console.warn('build-css: @tailwindcss/cli is not installed; skipping the stylesheet (pages will be unstyled)')
  process.exit(0)
}
mkdirSync(out, { recursive: true })
const started = performance.now()
const temporary = join(out, `.steward-${process.pid}.css`)
const result = spawnSync(
  process.execPath,
  [cli, '-i', join(root, 'views', 'styles.css'), '-o', temporary, '--minify'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  },
)
if (result.status !== 0) {
  rmSync(temporary, { force: true })
  console.error(`build-css: tailwindcss failed:\n${result.stderr}`)
  process.exit(1)
}

const fingerprint = (content) => createHash('sha256').update(content).digest('hex').slice(0, 12)
const css = readFileSync(temporary)
const cssName = `steward-${fingerprint(css)}.css`
const js = bundleScripts(join(root, 'views', 'static'))
const jsName = `steward-${fingerprint(js)}.js`

for (const name of readdirSync(out)) {
  if (/^steward-[0-9a-f]+\.(css|js)$/.test(name) && name !== cssName && name !== jsName) rmSync(join(out, name))
}
renameSync(temporary, join(out, cssName))
writeFileSync(join(out, jsName), js)
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ css: cssName, js: jsName }, null, 2)}\n`)
console.log(
  `build-css: public/${cssName} (${css.length} bytes), public/${jsName} in ${Math.round(performance.now() - started)} ms`,
)

/**
 * steward.js first, then the others by name. Each is wrapped in its own function, so no file can see another's
 * variables or break it with a missing semicolon; one failing file still stops only itself.
 */
function bundleScripts(dir) {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => (a === 'steward.js' ? -1 : b === 'steward.js' ? 1 : a < b ? -1 : a > b ? 1 : 0))
  const parts = names.map(
    (name) => `// ${name}\n;(function () {\n${readFileSync(join(dir, name), 'utf8').trimEnd()}\n})();\n`,
  )
  return Buffer.from(parts.join('\n'))
}
