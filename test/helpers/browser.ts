import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { chromiumPath } from './chromium-path.js'

/** Debian's Chromium driven by playwright-core, with a fresh profile; never a downloaded browser. */
export async function launchBrowser(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<{
  context: BrowserContext
  close(): Promise<void>
}> {
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error('Chromium not found: install Debian package `chromium` or set CHROMIUM_PATH')
  const profile = mkdtempSync(join(tmpdir(), 'steward-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
