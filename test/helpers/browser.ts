import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { chromiumPath } from './chromium-path.js'

/**
 * Debian's Chromium driven by playwright-core, with a fresh profile; never a downloaded browser.
 * `bypassCSP` lets a test inject a script (axe-core) that the app's CSP would refuse.
 */
export async function launchBrowser(
  options: {
    colorScheme?: 'light' | 'dark'
    bypassCSP?: boolean
    viewport?: { width: number; height: number }
    /** The zone the pages' clocks are in (an IANA name like `Asia/Tokyo`); the machine's otherwise. */
    timezoneId?: string
    /** False to see the pages as a browser without scripts does (progressive enhancement). */
    javaScriptEnabled?: boolean
  } = {},
): Promise<{
  context: BrowserContext
  close(): Promise<void>
}> {
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error('Chromium not found: install Debian package `chromium` or set CHROMIUM_PATH')
  const profile = mkdtempSync(join(tmpdir(), 'steward-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.javaScriptEnabled === false ? { javaScriptEnabled: false } : {}),
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
