import { sql } from 'kysely'
import type { Connection } from '../../src/db/connect.js'
import type { Table } from '../../src/introspect/metadata.js'
import type { EditClient } from './edit-client.js'

/** One GET of the crawl. */
export interface Visit {
  readonly path: string
  readonly status: number
  /** Why the page was requested, for the failure message. */
  readonly from: string
  /** What the admin logged while answering (an unexpected error's stack). */
  readonly logged: readonly string[]
}

/** What the crawl saw, for the assertions. */
export interface Crawl {
  readonly visits: Visit[]
  /** Pages whose HTML shows something that should never reach a user. */
  readonly leaks: string[]
  readonly edited: string[]
  readonly editProblems: string[]
  /** Orderings whose chain of Next links lost, repeated or invented rows. */
  readonly pagingProblems: string[]
  pagedOrderings: number
}

export const newCrawl = (): Crawl => ({
  visits: [],
  leaks: [],
  edited: [],
  editProblems: [],
  pagingProblems: [],
  pagedOrderings: 0,
})

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }
export const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => entities[m] ?? "'")
export const hrefs = (html: string) => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => decode(m[1]!))
export const quoted = (id: string) => `"${id.replace(/"/g, '""')}"`
export const listPathOf = (table: Pick<Table, 'schema' | 'name'>) =>
  `/${encodeURIComponent(table.schema)}/${encodeURIComponent(table.name)}/`

/** What must never appear in a page: a stack, driver text, a value that was never a value, or not one <h1>. */
export function leaksIn(html: string): string[] {
  const found: string[] = []
  const visible = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
  const checks: [string, RegExp][] = [
    ['a stack trace', /\bat [\w.<>$]+ \([^)]*:\d+:\d+\)|node_modules\/|\.tsx?:\d+:\d+/],
    ['SqliteError', /SqliteError/],
    ['driver error text', /\berror: /i],
    ['undefined', /\bundefined\b/],
    ['[object Object]', /\[object Object\]/],
    // A numeric or float column may hold NaN: shown whole, as a cell's or an input's text. A NaN from arithmetic
    // gone wrong shows up inside other text ("NaN rows", "page NaN of 3").
    ['NaN', /(?<![>"])\bNaN\b|\bNaN\b(?![<"])/],
  ]
  for (const [what, pattern] of checks) {
    const match = pattern.exec(visible)
    if (match) found.push(`${what}: …${visible.slice(Math.max(0, match.index - 80), match.index + 80)}…`)
  }
  const h1s = visible.match(/<h1[\s>]/g)?.length ?? 0
  if (h1s !== 1) found.push(`${h1s} <h1> elements`)
  return found
}

export type Visitor = ((path: string, from: string) => Promise<string | undefined>) & {
  readonly seen: ReadonlyMap<string, string | undefined>
}

/** GETs each path once (at most `budget` in all), records the answer and any leak, and returns a 200's HTML. */
export function visitor(client: EditClient, crawl: Crawl, logged: string[], budget: number): Visitor {
  const seen = new Map<string, string | undefined>()
  const visit = async (path: string, from: string) => {
    if (seen.has(path)) return seen.get(path)
    if (crawl.visits.length >= budget) return undefined
    logged.length = 0
    const page = await client.get(path)
    crawl.visits.push({ path, status: page.status, from, logged: [...logged] })
    if ((page.response.headers.get('content-type') ?? '').includes('text/html'))
      for (const leak of leaksIn(page.html)) crawl.leaks.push(`${path} (from ${from}): ${leak}`)
    const html = page.status === 200 ? page.html : undefined
    seen.set(path, html)
    return html
  }
  return Object.assign(visit, { seen })
}

/** Runs `run` with console.error collected (the admin logs unexpected errors there), for failure messages. */
export async function capturingConsoleErrors<T>(run: (logged: string[]) => Promise<T>): Promise<T> {
  const logged: string[] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) =>
    void logged.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '))
  try {
    return await run(logged)
  } finally {
    console.error = consoleError
  }
}

/** The table's rows as the database stores them, byte for byte (SQLite: with storage classes), sorted. */
export async function snapshot(connection: Connection, table: Table): Promise<string[]> {
  const from = `${quoted(table.schema)}.${quoted(table.name)}`
  const query =
    connection.dialect.name === 'sqlite'
      ? `select ${table.columns.map((c) => `typeof(${quoted(c.name)}) || ':' || quote(${quoted(c.name)})`).join(" || ',' || ")} as r from ${from}`
      : `select t::text as r from ${from} as t`
  const { rows } = await sql.raw<{ r: string }>(query).execute(connection.db)
  return rows.map((row) => row.r).sort()
}

export async function countRows(connection: Connection, table: Table): Promise<number> {
  const { rows } = await sql
    .raw<{ n: number | string }>(`select count(*) as n from ${quoted(table.schema)}.${quoted(table.name)}`)
    .execute(connection.db)
  return Number(rows[0]!.n)
}

/** One stored value per column, as text, to type into an exact-value filter. */
export async function firstValues(connection: Connection, table: Table): Promise<Map<string, string>> {
  const values = new Map<string, string>()
  const pg = connection.dialect.name === 'postgres'
  for (const column of table.columns) {
    const name = quoted(column.name)
    const { rows } = await sql
      .raw<{ v: string }>(
        `select ${pg ? `${name}::text` : `cast(${name} as text)`} as v from ${quoted(table.schema)}.${quoted(table.name)} where ${name} is not null limit 1`,
      )
      .execute(connection.db)
    if (rows[0]) values.set(column.name, rows[0].v)
  }
  return values
}

/** Values a user might type into a filter field, judged by the input's type and step. */
export function plausibleValues(tag: string, name: string, stored: ReadonlyMap<string, string>): string[] {
  const type = /\stype="([^"]*)"/.exec(tag)?.[1] ?? 'text'
  if (type === 'date') return ['2024-01-01']
  if (type === 'time') return ['10:00', '23:59:59']
  if (type === 'number') return /\sstep="any"/.test(tag) ? ['1', '-3.5'] : ['1', '-3']
  const typed = [stored.get(name.replace(/^f\./, '')) ?? 'a', 'a/b']
  // A browser does not submit a form whose field fails its pattern: only what passes it is sent.
  const pattern = /\spattern="([^"]*)"/.exec(tag)?.[1]
  if (!pattern) return typed
  const fits = new RegExp(`^(?:${pattern})$`, 'u')
  return [...typed, '2024-01-01'].filter((value) => fits.test(value))
}

/** The rows of a list page's table body, as rendered. */
export const bodyRows = (html: string) =>
  [...(/<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').matchAll(/<tr\b[\s\S]*?<\/tr>/g)].map((m) => m[0])
