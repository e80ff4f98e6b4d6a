import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { SearchPage } from '../../../views/pages/search-page.js'
import type { SearchGroup } from '../../../views/view-model.js'
import { loadRowEstimates } from '../../list/row-estimates.js'
import { maxSearchWords, searchWords } from '../../list/search-words.js'
import { searchTables, type TableMatches } from '../../list/search-tables.js'
import { refSegment } from '../../records/record-ref.js'
import type { ResourceIndex } from '../../resources/resource-index.js'
import type { AdminEnv } from '../admin-context.js'
import { HttpError } from '../errors.js'
import { takeExpensive } from '../expensive.js'
import { longReadsOf } from '../reads-of.js'
import { renderPage } from '../render-page.js'
import type { Urls } from '../urls.js'
import { visibleResources } from './table-route-helpers.js'

const SearchQuery = z.object({ q: z.string().max(500, 'at most 500 characters').optional() }).strict()

/**
 * `GET /search?q=…`: rows of every table the user may view, grouped by table (see `searchTables`). A term that
 * names exactly one row (its key, or a unique value such as an email) goes straight to that row (303).
 */
async function showSearch(c: Context<AdminEnv>): Promise<Response> {
  const admin = c.get('admin')
  const urls = c.get('urls')
  const q = parseQuery(c)
  if (q === '') {
    return renderPage(
      c,
      { title: 'Search', crumbs: [{ label: 'Home', href: urls.index() }, { label: 'Search' }] },
      <SearchPage model={{ box: { action: urls.search(), q }, searched: false, groups: [] }} />,
    )
  }
  const resources = visibleResources(c)
  // Taken before the estimates are read: they too are read by the worker the permit stands for (on SQLite).
  const release = await takeExpensive(admin)
  const results = await searchWith(c, q, resources).finally(release)
  if (results.exact) {
    const { resource, ref } = results.exact
    return c.redirect(urls.detail(resource.table, refSegment(ref)), 303)
  }
  return renderPage(
    c,
    {
      title: `Search for “${q}”`,
      crumbs: [{ label: 'Home', href: urls.index() }, { label: 'Search' }],
      searchQuery: q,
    },
    <SearchPage
      model={{
        box: { action: urls.search(), q },
        searched: true,
        groups: results.tables.map((matches) => searchGroup(matches, q, urls)),
      }}
    />,
  )
}

async function searchWith(c: Context<AdminEnv>, q: string, resources: ResourceIndex) {
  const admin = c.get('admin')
  const db = longReadsOf(c)
  const estimates = await loadRowEstimates(db, admin.dialect).catch((error: unknown) => {
    // Without estimates the metadata's sizes decide which tables are big.
    admin.logger.warn('steward: could not read the row estimates:', error)
    return new Map<string, number>()
  })
  return searchTables(db, {
    resources,
    q,
    dialect: admin.dialect,
    user: c.get('principal'),
    statementTimeoutMs: admin.statementTimeoutMs,
    estimates,
    ...(admin.config.search ?? {}),
  })
}

function parseQuery(c: Context<AdminEnv>): string {
  const parsed = SearchQuery.safeParse(Object.fromEntries(new URL(c.req.url).searchParams))
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown parameter ${issue.keys.map((key) => `"${key}"`).join(', ')}`
          : `"q": ${issue.message}`,
      )
  const q = parsed.success ? (parsed.data.q ?? '').trim() : ''
  if (searchWords(q).length > maxSearchWords)
    problems.push(`"q": at most ${maxSearchWords} words; put a phrase in quotes to search for it whole`)
  if (problems.length === 0) return q
  throw new HttpError(400, 'Bad search', 'This search cannot be run:', problems, {
    href: c.get('urls').search(),
    label: 'Start a new search',
  })
}

function searchGroup(matches: TableMatches, q: string, urls: Urls): SearchGroup {
  const { resource } = matches
  const note =
    matches.failed === 'timeout'
      ? 'Searching this table took too long and was stopped.'
      : matches.failed
        ? 'This table could not be searched.'
        : matches.bounded
          ? 'A big table: only values that start with the search, or equal it, were looked for.'
          : null
  return {
    label: resource.label,
    rows: matches.rows.map((row) => ({
      label: row.label,
      href: row.ref === null ? null : urls.detail(resource.table, refSegment(row.ref)),
    })),
    seeAllHref: matches.more ? urls.list(resource.table, [['q', q]]) : null,
    note,
  }
}

export function registerSearchRoute(app: Hono<AdminEnv>): void {
  app.get('/search', showSearch)
}
