import type { Table } from '../introspect/metadata.js'
import { customPagePrefix } from '../resources/custom-pages.js'

/** What a URL needs to name a table: its schema and name. */
export type TableRef = Pick<Table, 'schema' | 'name'>

/** Query parameters, in the order they should appear; repeated keys are allowed. */
export type QueryPairs = ReadonlyArray<readonly [string, string]>

/**
 * Every link Steward draws, built relative to the mount path so the admin works at `/`, under
 * `app.route('/admin', admin)`, or behind a framework that strips its prefix (`basePath`).
 * A record key is one already-encoded path segment (see `encodeRecordKey`).
 */
export interface Urls {
  readonly base: string
  index(): string
  list(table: TableRef, query?: QueryPairs): string
  /** The list's rows as a CSV download; `query` is the list's own state (search, filters, sort). */
  exportCsv(table: TableRef, query?: QueryPairs): string
  create(table: TableRef): string
  detail(table: TableRef, key: string): string
  edit(table: TableRef, key: string): string
  delete(table: TableRef, key: string): string
  /** Every recorded change, filterable (only served when auditing is on). */
  audit(query?: QueryPairs): string
  /** The search across tables; `q` the term. */
  search(q?: string): string
  /** A record's audit history (only served when auditing is on). */
  history(table: TableRef, key: string): string
  bulkDelete(table: TableRef): string
  /** A custom action on a list's selection (`key` repeated in the query or the form). */
  bulkAction(table: TableRef, action: string, query?: QueryPairs): string
  /** A custom action on one record. */
  rowAction(table: TableRef, key: string, action: string): string
  lookup(table: TableRef, q?: string): string
  /** A custom page of the config, by its `path` (served under `/_pages`, see `customPagePrefix`). */
  page(path: string): string
  asset(file: string): string
  /** The login page; `next` is where to go after logging in (a path of this admin). */
  login(next?: string): string
  logout(): string
}

export function createUrls(base: string): Urls {
  const root = base.replace(/\/+$/, '')
  const tablePath = (table: TableRef) => `${root}/${nameSegment(table.schema)}/${nameSegment(table.name)}`
  const row = (table: TableRef, key: string) => `${tablePath(table)}/row/${key}`
  return {
    base: root,
    index: () => `${root}/`,
    list: (table, query = []) => `${tablePath(table)}/${queryString(query)}`,
    exportCsv: (table, query = []) => `${tablePath(table)}/export.csv${queryString(query)}`,
    create: (table) => `${tablePath(table)}/new`,
    detail: row,
    edit: (table, key) => `${row(table, key)}/edit`,
    delete: (table, key) => `${row(table, key)}/delete`,
    history: (table, key) => `${row(table, key)}/history`,
    audit: (query = []) => `${root}/audit${queryString(query)}`,
    search: (q) => `${root}/search${q === undefined ? '' : queryString([['q', q]])}`,
    bulkDelete: (table) => `${tablePath(table)}/delete`,
    bulkAction: (table, action, query = []) => `${tablePath(table)}/action/${segment(action)}${queryString(query)}`,
    rowAction: (table, key, action) => `${row(table, key)}/action/${segment(action)}`,
    lookup: (table, q) => `${tablePath(table)}/lookup${q === undefined ? '' : queryString([['q', q]])}`,
    page: (path) => `${root}${customPagePrefix}${encodeURI(path)}`,
    asset: (file) => `${root}/static/${segment(file)}`,
    login: (next) => `${root}/login${next === undefined ? '' : queryString([['next', next]])}`,
    logout: () => `${root}/logout`,
  }
}

/** Percent-encodes a schema, table or file name for one path segment. */
export function segment(name: string): string {
  return encodeURIComponent(name)
}

/**
 * A schema's or table's name as its path segment: percent-encoded, and a name that is `.` or `..` (which every
 * URL parser resolves away, `%2E` included) or starts with `~` gets a `~` in front. `nameOfSegment` undoes it.
 */
export function nameSegment(name: string): string {
  const encoded = encodeURIComponent(name)
  return name === '.' || name === '..' || name.startsWith('~') ? `~${encoded}` : encoded
}

/** The name a (decoded) path segment written by `nameSegment` stands for. */
export function nameOfSegment(segment: string): string {
  return segment.startsWith('~') ? segment.slice(1) : segment
}

/** `?a=1&b=2`, or '' when there is nothing to add. Spaces as `+`, like a form submission. */
export function queryString(query: QueryPairs): string {
  if (query.length === 0) return ''
  let text = '?'
  for (const [key, value] of query) text += `${text === '?' ? '' : '&'}${formEncode(key)}=${formEncode(value)}`
  return text
}

/** Left as they are by form encoding (`URLSearchParams`); everything else is percent-encoded, a space as `+`. */
const formSafe = /^[A-Za-z0-9*\-._]*$/
/** What `encodeURIComponent` leaves alone and form encoding does not. */
const uriOnly = /[!'()~]/g

/**
 * One key or value exactly as `URLSearchParams` writes it (application/x-www-form-urlencoded), without building
 * one: a list page has a few dozen links (sort headers, date presets, page sizes), each a query string.
 */
function formEncode(text: string): string {
  if (formSafe.test(text)) return text
  let encoded: string
  try {
    encoded = encodeURIComponent(text)
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD.
    return new URLSearchParams([['', text]]).toString().slice(1)
  }
  return encoded.replace(uriOnly, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replaceAll('%20', '+')
}
