import { existsSync } from 'node:fs'

/** Debian's Chromium binary (the real one, not the shell wrapper that prints noise), or CHROMIUM_PATH. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']
  return candidates.find((path): path is string => !!path && existsSync(path))
}
