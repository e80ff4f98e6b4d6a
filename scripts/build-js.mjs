// Bundles src/ and views/ into dist/, in a checkout at install time (prepare) and before `npm pack`:
// - the library `dist/index.mjs` (what `import 'steward'` loads), its packages left external: hono and kysely
//   are peers the host app shares with it, and zod the config it is given was written with;
// - the CLI `dist/steward.mjs`, with the pure-JS packages it runs on (hono, kysely, zod, @hono/node-server)
//   bundled in: Node then resolves, reads and compiles a handful of files at start instead of ~500 (kysely
//   alone is ~290), which was a third of `steward serve`'s cold start. Each command is a chunk of its own in
//   dist/cli/, so it loads only what it uses. Drivers (native better-sqlite3, pg and its optional pg-native),
//   kysely-codegen (CommonJS, requires typescript) and tsx stay external: optional peers, found at run time.
// Nobody then compiles TypeScript at run time, and a host app needs no loader. bin/steward.js uses the CLI
// bundle only while it is newer than every source.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'dist')
const started = performance.now()
for (const name of ['chunks', 'cli', 'index.mjs', 'index.mjs.map', 'steward.mjs', 'steward.mjs.map']) {
  rmSync(join(out, name), { recursive: true, force: true })
}

const shared = {
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: 'linked',
  logLevel: 'warning',
}

/**
 * zod's 40 translations of its messages (360 KB, half of zod) are re-exported as `z.locales` and so survive
 * tree-shaking; Steward's own messages are English and nothing in the CLI picks another locale (a user's
 * config brings its own zod), so the CLI bundle gets English only.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js"',
      resolveDir: join(root, 'node_modules', 'zod', 'v4', 'locales'),
    }))
  },
}

await Promise.all([
  build({
    ...shared,
    entryPoints: [{ in: join(root, 'src', 'index.ts'), out: 'index' }],
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
  }),
  build({
    ...shared,
    entryPoints: [{ in: join(root, 'src', 'cli', 'bin.ts'), out: 'steward' }],
    chunkNames: 'cli/[name]-[hash]',
    external: ['better-sqlite3', 'pg', 'pg-native', 'kysely-codegen', 'typescript', 'tsx', 'tsx/*'],
    plugins: [englishOnlyZod],
    // Without comments and indentation the CLI's code is a third smaller, and pure ASCII: V8 keeps each chunk's
    // source on the heap for the life of the process, and a single non-ASCII character in a comment (an em dash)
    // makes it two bytes a character. ~4.5 MB less RSS at idle, and less to scan at start. Names are kept, and
    // the linked source maps give stack traces their lines back (node --enable-source-maps).
    minifyWhitespace: true,
  }),
])
console.log(`build-js: dist/index.mjs and dist/steward.mjs in ${Math.round(performance.now() - started)} ms`)
