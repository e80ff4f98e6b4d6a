// `npm run check:layers` (run by .ci/run): fails when an import or a comparison crosses a layer.
// The layers, from the bottom: src/db and src/introspect know the engines; src/kinds, src/resources,
// src/list, src/records, src/forms, src/audit, src/auth work on plain data and a database handle;
// src/http builds view models and routes; views/ render view models. The rules:
//   1. views/ imports only types from src/ (a view never runs a query or a parser);
//   2. only src/http imports views/;
//   3. nothing imports src/http but the public entry (src/index.ts), the CLI (src/cli/) and views' types;
//   4. dialect names are compared only in src/db and src/introspect (elsewhere, ask the dialect).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const sourceFile = /\.(ts|tsx|mts|mjs|js)$/
const importStatement = /^[ \t]*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gm
const dynamicImport = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
const dialectComparison =
  /(?:[!=]==?\s*['"](?:postgres|sqlite)['"])|(?:['"](?:postgres|sqlite)['"]\s*[!=]==?)|(?:\bcase\s+['"](?:postgres|sqlite)['"])/

function filesBelow(dir) {
  let found = []
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return found // a layer that does not exist has nothing to break
  }
  for (const entry of entries.sort()) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) found = found.concat(filesBelow(path))
    else if (sourceFile.test(entry)) found.push(path)
  }
  return found
}

/** `{ type: true }` when nothing the statement names is a value: `import type { A }` or `import { type A, type B }`. */
function importsOnlyTypes(typeKeyword, clause) {
  if (typeKeyword) return true
  const named = /^\{([\s\S]*)\}$/.exec(clause.trim())
  if (!named) return false
  const names = named[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  return names.length > 0 && names.every((name) => name.startsWith('type '))
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length
}

/** The problems in the tree at `root`, each `file:line: rule`. */
export function checkLayers(root) {
  const problems = []
  const layerOf = (absolute) => relative(root, absolute).split(sep).join('/')
  for (const file of [...filesBelow(join(root, 'src')), ...filesBelow(join(root, 'views'))]) {
    const from = layerOf(file)
    const text = readFileSync(file, 'utf8')
    const report = (index, rule) => problems.push(`${from}:${lineOf(text, index)}: ${rule}`)
    const imports = [...text.matchAll(importStatement)].map((m) => ({
      index: m.index,
      typeOnly: importsOnlyTypes(m[1], m[2]),
      spec: m[3],
    }))
    for (const m of text.matchAll(dynamicImport)) imports.push({ index: m.index, typeOnly: false, spec: m[1] })
    for (const { index, typeOnly, spec } of imports) {
      if (!spec.startsWith('.')) continue
      const to = layerOf(resolve(dirname(file), spec))
      if (from.startsWith('views/') && to.startsWith('src/') && !typeOnly)
        report(index, `views import only types from src/ (${spec})`)
      if (to.startsWith('views/') && !from.startsWith('views/') && !from.startsWith('src/http/'))
        report(index, `only src/http imports views/ (${spec})`)
      const httpMayImport = from.startsWith('src/http/') || from.startsWith('src/cli/') || from === 'src/index.ts'
      if (to.startsWith('src/http/') && !httpMayImport && !(from.startsWith('views/') && typeOnly))
        report(index, `nothing but src/index.ts and src/cli import src/http (${spec})`)
    }
    if (!from.startsWith('src/db/') && !from.startsWith('src/introspect/')) {
      text.split('\n').forEach((line, i) => {
        if (dialectComparison.test(line))
          problems.push(`${from}:${i + 1}: dialect names are compared only in src/db and src/introspect`)
      })
    }
  }
  return problems
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const problems = checkLayers(root)
  for (const problem of problems) console.error(problem)
  if (problems.length > 0) {
    console.error(`check-layers: ${problems.length} problem(s); the layers are described in README.md, "Layout".`)
    process.exit(1)
  }
  console.log('check-layers: views, src/http and the dialects keep to their layers')
}
