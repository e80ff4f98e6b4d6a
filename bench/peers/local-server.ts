import type { ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** A running server under load, with the Cookie header of a logged-in session. */
export interface PeerServer {
  readonly base: string
  readonly cookie: string
  /** The server's process group (it and every process it started: gunicorn's workers, SQLite's readers). */
  readonly group?: number
  stop(): Promise<void>
}

/**
 * CPU milliseconds (user + system) spent so far by the live processes of a process group, from /proc (Linux);
 * undefined where there is no /proc. Per request, it says what a page costs a server however busy the machine
 * is with other work, which throughput on a shared machine does not.
 */
export function groupCpuMs(group: number): number | undefined {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return undefined
  }
  const ticksPerMs = 100 / 1000 // USER_HZ, 100 on Linux
  let ticks = 0
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // ended meanwhile
    }
    // After the command's closing parenthesis: state, ppid, pgrp, … utime (12th), stime (13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12])
  }
  return ticks / ticksPerMs
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
