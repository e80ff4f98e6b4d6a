import { existsSync } from 'node:fs'
import { createDemoDatabase, type DemoSummary } from '../../demo/create-demo-database.js'
import { createProgressBar } from '../../demo/progress-bar.js'
import { parseOptions, UsageError, type Command } from '../command.js'

const usage = `Usage: steward demo [--out FILE] [--scale N] [--force]

Creates a realistic demo SQLite database of a small shop (customers, products, orders, payments…),
the same every time for the same scale.

Options:
  --out FILE   where to write it (default data/demo.db)
  --scale N    size: 1 ≈ 100,000 orders (default), 10 ≈ 1,000,000, 0.01 ≈ 1,000
  --force      replace FILE if it exists`

export const command: Command = {
  usage,
  async run(args) {
    const options = parseOptions(args, {
      out: { type: 'string', default: 'data/demo.db' },
      scale: { type: 'string', default: '1' },
      force: { type: 'boolean', default: false },
    })
    const scale = Number(options.scale)
    if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
      throw new UsageError(`--scale must be a number above 0 and at most 100, not "${options.scale}"`)
    }
    if (existsSync(options.out) && !options.force) {
      console.error(`steward demo: ${options.out} already exists; use --force to replace it`)
      return 1
    }

    const bar = process.stderr.isTTY ? createProgressBar(process.stderr, 'Building demo database') : undefined
    // Ctrl-C stops the build between batches and removes its partial file, leaving --out as it was.
    const abort = new AbortController()
    const onInterrupt = () => abort.abort()
    process.once('SIGINT', onInterrupt)
    try {
      const summary = await createDemoDatabase(options.out, { scale, signal: abort.signal, onProgress: bar?.update })
      bar?.clear()
      console.log(describe(summary))
      return 0
    } catch (error) {
      bar?.clear()
      if (abort.signal.aborted) {
        console.error(`steward demo: interrupted; ${options.out} was not written`)
        return 130
      }
      throw error
    } finally {
      process.off('SIGINT', onInterrupt)
    }
  },
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** One line: where, how many rows of what, how big, how long. */
export function describe(summary: DemoSummary): string {
  const counts = Object.entries(summary.rows).map(([table, count]) => `${grouped(count)} ${table}`)
  const megabytes = (summary.bytes / 1_000_000).toFixed(1)
  const seconds = (summary.ms / 1000).toFixed(1)
  return `Created ${summary.path} (${megabytes} MB) in ${seconds} s: ${counts.join(', ')}`
}
