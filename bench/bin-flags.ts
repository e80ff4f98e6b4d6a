import { readFileSync } from 'node:fs'

/**
 * The Node flags `bin/steward.js` runs with (its `#!/usr/bin/env -S node …` line), so that a benchmark
 * starting it with `process.execPath` runs it as a user's shell or npm does.
 */
export function binNodeFlags(bin: string): string[] {
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0] ?? ''
  const flags = /^#!\/usr\/bin\/env -S node(.*)$/.exec(first)?.[1] ?? ''
  return flags.split(' ').filter(Boolean)
}
