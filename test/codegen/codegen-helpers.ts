import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export const projectRoot = new URL('../../', import.meta.url).pathname.replace(/\/$/, '')

/** A fresh directory under the git-ignored `test-output/`, so generated imports of `kysely` resolve. */
export function tempOutDir(label: string): string {
  mkdirSync(join(projectRoot, 'test-output'), { recursive: true })
  return mkdtempSync(join(projectRoot, 'test-output', `codegen-${label}-`))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Every file under `dir` (relative path → content), for byte-for-byte comparisons. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(dir, path), readFileSync(path, 'utf8'))
    }
  }
  walk(dir)
  return files
}

export function mtimes(dir: string): Map<string, number> {
  const times = new Map<string, number>()
  for (const path of readTree(dir).keys()) times.set(path, statSync(join(dir, path)).mtimeMs)
  return times
}

/** Runs the project's tsc over `dir` with the project's compiler options; returns its output when it fails. */
export function typecheck(dir: string): { ok: boolean; output: string } {
  const config = join(dir, 'tsconfig.json')
  writeFileSync(config, JSON.stringify({ extends: relative(dir, join(projectRoot, 'tsconfig.json')), include: ['.'] }))
  const result = spawnSync(join(projectRoot, 'node_modules/.bin/tsc'), ['--noEmit', '-p', config], { encoding: 'utf8' })
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` }
}

/** Runs `steward <args>` as a user would, in the project root. */
export function steward(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
