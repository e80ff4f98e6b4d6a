import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, ownProcessGroup, stopProcessGroup, waitForServer, type PeerServer } from './local-server.js'

/**
 * The floor of the peers folder (`limit/minimal-list.mjs`): the shop's orders list from node:http,
 * better-sqlite3 and template strings, nothing else. Undefined when the peers folder has none.
 */
export async function startFloor(peers: string, file: string): Promise<PeerServer | undefined> {
  const script = join(peers, 'limit', 'minimal-list.mjs')
  if (!existsSync(script)) return undefined
  const port = await freePort()
  const child = ownProcessGroup(
    spawn(process.execPath, [script, file, String(port)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PROJ: process.cwd() },
    }),
  )
  const base = `http://127.0.0.1:${port}`
  try {
    await waitForServer(`${base}/`, [200], 30_000)
    return { base, cookie: '', group: child.pid, stop: () => stopProcessGroup(child) }
  } catch (error) {
    await stopProcessGroup(child)
    throw error
  }
}
