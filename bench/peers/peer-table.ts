import type { LoadResult } from '../load.js'

/** A server under load: its figures, and the CPU milliseconds its processes spent per request (Linux only). */
export interface Measured extends LoadResult {
  readonly cpuMs?: number | undefined
}

/** One page at one concurrency on one dialect: both admins over HTTP, and the raw driver running Steward's SQL. */
export interface PeerRow {
  readonly page: string
  readonly dialect: string
  readonly concurrency: number
  readonly steward: Measured
  readonly django: Measured
  readonly raw: LoadResult | null
  /** The same page from `limit/minimal-list.mjs` (no framework, no layout), where there is one. */
  readonly floor?: Measured | null
}

/** Prints the comparison as one Markdown table, then any non-200 answers (which are left out of the figures). */
export function printPeerTable(rows: readonly PeerRow[], heading: string): void {
  const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-')
  const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${fmt(a / b, a / b < 10 ? 2 : 1)}×` : '-')
  const cpu = (m: Measured) => (m.cpuMs === undefined ? '-' : fmt(m.cpuMs, m.cpuMs < 10 ? 2 : 1))
  const header = [
    'page',
    'dialect',
    'c',
    'Steward req/s',
    'Django req/s',
    'Steward/Django',
    'Steward p50 ms',
    'Steward p99 ms',
    'Django p50 ms',
    'Django p99 ms',
    'raw/s',
    'raw/Steward',
    'floor/s',
    'floor/Steward',
    // CPU per request: what a page costs each server, unlike req/s not moved by other work on the machine.
    'CPU ms/req Steward',
    'Django',
    'floor',
  ]
  const lines = rows.map((r) => [
    r.page,
    r.dialect,
    String(r.concurrency),
    fmt(r.steward.rps, r.steward.rps < 10 ? 1 : 0),
    fmt(r.django.rps, r.django.rps < 10 ? 1 : 0),
    ratio(r.steward.rps, r.django.rps),
    fmt(r.steward.p50, 1),
    fmt(r.steward.p99, 1),
    fmt(r.django.p50, 1),
    fmt(r.django.p99, 1),
    r.raw ? fmt(r.raw.rps) : '-',
    r.raw ? ratio(r.raw.rps, r.steward.rps) : '-',
    r.floor ? fmt(r.floor.rps) : '-',
    r.floor ? ratio(r.floor.rps, r.steward.rps) : '-',
    cpu(r.steward),
    cpu(r.django),
    r.floor ? cpu(r.floor) : '-',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(`\n${heading}`)
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const l of lines) console.log(line(l))
  for (const r of rows) {
    if (r.steward.errors + r.django.errors + (r.raw?.errors ?? 0) === 0) continue
    console.log(
      `non-200 or failed: ${r.dialect} ${r.page} c=${r.concurrency}: Steward ${r.steward.errors}, Django ${r.django.errors}, raw ${r.raw?.errors ?? 0}`,
    )
  }
}
