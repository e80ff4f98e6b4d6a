import type { IndexAdvisor, IndexKinds } from '../db/dialect.js'
import type { Column, Table } from '../introspect/metadata.js'
import type { Resource } from '../resources/resource.js'
import { searchCastsToText } from './filters.js'

/** Why a list over a big table would read every row, and what would let it stop reading early. */
export interface IndexAdvice {
  readonly purpose: 'search' | 'filter' | 'sort' | 'related'
  readonly columns: readonly string[]
  /** In words: what reads the rows and why no index helps. */
  readonly problem: string
  /** SQL for a person to review and run; empty when no index can help. */
  readonly statements: readonly string[]
}

export interface TableAdvice {
  readonly resource: Resource
  readonly rows: number
  readonly advice: readonly IndexAdvice[]
}

export interface AdviseOptions {
  readonly advisor: IndexAdvisor
  readonly kinds: IndexKinds
  /** Row counts or estimates by `schema.name`. */
  readonly rows: ReadonlyMap<string, number>
  /** Tables with fewer rows are left out: a scan of them costs little. */
  readonly minRows: number
}

/**
 * For each big table, the searches, filters, default ordering and foreign keys (read by the related panels of
 * the rows they point to, and by every delete of such a row) that no index serves. It reads only metadata.
 */
export function adviseIndexes(resources: readonly Resource[], options: AdviseOptions): TableAdvice[] {
  const found: TableAdvice[] = []
  for (const resource of resources) {
    const { table } = resource
    if (table.type === 'view') continue
    const rows = options.rows.get(`${table.schema}.${table.name}`) ?? table.estimatedRows ?? 0
    if (rows < options.minRows) continue
    found.push({ resource, rows, advice: tableAdvice(resource, options) })
  }
  return found.sort((a, b) => b.rows - a.rows)
}

function tableAdvice(resource: Resource, { advisor, kinds }: AdviseOptions): IndexAdvice[] {
  const { table } = resource
  const served = (columns: readonly string[]) =>
    orderedIndexes(table, kinds).some((index) => startsWith(index, columns))
  const advice: IndexAdvice[] = []
  const unsearchable: string[] = []
  for (const name of resource.searchFields) {
    const column = table.columns.find((c) => c.name === name)
    if (!column || kinds.substring.has(substringKey(table, column))) continue
    const statements = advisor.substringIndex(table, name, searchCastsToText(column))
    if (statements)
      advice.push({
        purpose: 'search',
        columns: [name],
        problem: 'no trigram index: every search reads every row',
        statements,
      })
    else unsearchable.push(name)
  }
  if (unsearchable.length > 0)
    advice.push({
      purpose: 'search',
      columns: unsearchable,
      problem:
        'no index serves a substring search here: every search reads every row; keep searchFields to the columns people search by',
      statements: [],
    })
  // A computed column is an expression, not a column an index could be created on.
  const computed = new Set(resource.computed.map((field) => field.name))
  for (const name of resource.filterFields) {
    if (!computed.has(name) && !served([name]))
      advice.push({
        purpose: 'filter',
        columns: [name],
        problem: 'no index starts with it',
        statements: [advisor.btreeIndex(table, [name])],
      })
  }
  const first = resource.ordering[0]
  if (first && !computed.has(first.column) && !resource.key.columns.includes(first.column) && !served([first.column])) {
    const columns = [first.column, ...resource.key.columns.filter((c) => c !== 'rowid')]
    advice.push({
      purpose: 'sort',
      columns: [first.column],
      problem: 'the default ordering sorts every row before showing the first page',
      statements: [advisor.btreeIndex(table, columns)],
    })
  }
  for (const foreignKey of table.foreignKeys) {
    const columns = foreignKey.columns
    if (served(columns)) continue
    advice.push({
      purpose: 'related',
      columns,
      problem: `the pages of a ${foreignKey.refTable} row list these rows and every delete there checks them: each reads every row`,
      statements: [advisor.btreeIndex(table, columns)],
    })
  }
  return advice
}

/** Column lists of the indexes that can serve equality and order: btree indexes, the key and unique constraints. */
function orderedIndexes(table: Table, kinds: IndexKinds): (readonly string[])[] {
  return [
    table.primaryKey,
    ...table.uniques.map((unique) => unique.columns),
    ...table.indexes
      .filter((index) => !index.partial && !kinds.unordered.has(`${table.schema}.${index.name}`))
      .map((index) => index.columns),
  ].filter((columns) => columns.length > 0)
}

/** An index on (a, b, c) serves a lookup on a, b in any order of equality, and ordering by a. */
function startsWith(index: readonly string[], columns: readonly string[]): boolean {
  if (columns.length > index.length) return false
  const head = new Set(index.slice(0, columns.length))
  return columns.every((column) => head.has(column))
}

/** How `IndexKinds.substring` names an index serving the search of `column`: on the column, or on its text cast. */
export function substringKey(table: Pick<Table, 'schema' | 'name'>, column: Column): string {
  return `${table.schema}.${table.name}.${column.name}${searchCastsToText(column) ? '::text' : ''}`
}
