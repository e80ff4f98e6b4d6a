import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { generatedHeader } from './generated-header.js'

export interface WriteResult {
  /** Paths relative to the output directory, sorted. */
  readonly written: string[]
  readonly unchanged: string[]
  readonly removed: string[]
}

/**
 * Writes each file whose content changed (through a temporary file and a rename, so a running server never
 * reads half a file) and removes the files Steward wrote earlier that are no longer wanted — only `.ts` files
 * inside `outDir` that start with the generated header; anything else in the directory is left alone.
 */
export function writeIfChanged(outDir: string, files: ReadonlyMap<string, string>): WriteResult {
  const written: string[] = []
  const unchanged: string[] = []
  for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const target = join(outDir, path)
    if (readOrNull(target) === content) {
      unchanged.push(path)
      continue
    }
    mkdirSync(dirname(target), { recursive: true })
    const temporary = `${target}.${process.pid}.tmp`
    writeFileSync(temporary, content)
    renameSync(temporary, target)
    written.push(path)
  }
  const removed = listGeneratedFiles(outDir).filter((path) => !files.has(path))
  for (const path of removed) {
    unlinkSync(join(outDir, path))
    removeEmptyParents(dirname(join(outDir, path)), outDir)
  }
  return { written, unchanged, removed }
}

/** The `.ts` files under `outDir` that carry the generated header, relative and with `/` separators. */
export function listGeneratedFiles(outDir: string): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of safeReaddir(dir)) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && entry.name.endsWith('.ts') && readOrNull(path)?.startsWith(generatedHeader)) {
        found.push(relative(outDir, path).split(sep).join('/'))
      }
    }
  }
  walk(outDir)
  return found.sort()
}

/** Removes the directories a removed file leaves empty (`tables/<old schema>/`), never `root` itself. */
function removeEmptyParents(dir: string, root: string): void {
  for (let current = dir; current !== root && relative(root, current) !== ''; current = dirname(current)) {
    if (safeReaddir(current).length > 0) return
    rmdirSync(current)
  }
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
  } catch {
    return []
  }
}

export function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}
