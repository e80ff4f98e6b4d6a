import type { Locator, Page } from 'playwright-core'

/** A list page's table, named by its caption "<heading>: <summary>". */
export const listTable = (page: Page, heading: string) => page.getByRole('table', { name: new RegExp(`^${heading}: `) })

/** A rendered table as its column headers and its body rows' cell texts, by header. */
export interface TableText {
  readonly headers: string[]
  readonly rows: Record<string, string>[]
}

/** Reads a table (found by the caller with getByRole('table', …)) the way a user sees it. */
export async function readTable(table: Locator): Promise<TableText> {
  // One round trip: the journeys read tables of 25–50 rows on every step. No named functions inside:
  // tsx wraps those in a `__name` helper that does not exist in the page.
  const { headers, cells } = await table.evaluate((element) => ({
    headers: [...element.querySelectorAll('thead th')].map((cell) => (cell as HTMLElement).innerText),
    cells: [...element.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td, th')].map((cell) => (cell as HTMLElement).innerText),
    ),
  }))
  const names = headers.map(clean)
  const rows = cells
    .filter((row) => row.length === names.length) // not the "no rows" line
    .map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]!.trim()])))
  return { headers: names, rows }
}

/** Header text without the sort arrow the view adds after the label. */
const clean = (text: string) => text.replace(/[▲▼↕]/g, '').trim()
