import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** A running server under load, with the Cookie header of a logged-in session. */
export interface PeerServer {
  readonly base: string
  readonly cookie: string
  stop(): Promise<void>
}
/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Polls `url` until it answers one of `statuses`; a server still starting refuses the connection. */
export async function waitForServer(url: string, statuses: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' })
      await response.arrayBuffer()
      if (statuses.includes(response.status)) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

const groups = new Set<number>()
let interruptible = false

/**
 * Remembers a process started with `detached: true`: being in its own group, it would outlive the bench when
 * Ctrl-C stops it, so an interrupt stops every remembered group before exiting.
 */
export function ownProcessGroup(child: ChildProcess): ChildProcess {
  if (child.pid !== undefined) groups.add(child.pid)
  child.once('exit', () => groups.delete(child.pid!))
  if (!interruptible) {
    interruptible = true
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        for (const pid of groups) killGroup(pid, 'SIGKILL')
        process.exit(130)
      })
  }
  return child
}

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false
  }
}

/** Stops a process started with `detached: true` and everything it started (gunicorn and its workers). */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // The leader alone first: gunicorn's master then stops its workers in order, as it does on its own SIGTERM.
  try {
    process.kill(child.pid, 'SIGTERM')
  } catch {
    return
  }
  const timeout = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 10_000)
  await exited
  clearTimeout(timeout)
}
