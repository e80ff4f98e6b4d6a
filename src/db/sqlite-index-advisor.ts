import type { IndexAdvisor } from './dialect.js'
import { indexName, quoteIdentifier as q } from './index-names.js'

/**
 * SQLite: no index serves `like '%x%'` (https://www.sqlite.org/optoverview.html#the_like_optimization applies to
 * prefixes only), and every index is a b-tree. The index goes in the table's own schema (`main` or an attached one).
 */
export const sqliteIndexAdvisor: IndexAdvisor = {
  async readIndexKinds() {
    return { substring: new Set(), unordered: new Set() }
  },
  substringIndex() {
    return null
  },
  btreeIndex(table, columns) {
    return `CREATE INDEX ${q(table.schema)}.${q(indexName(table.name, columns, 'idx'))} ON ${q(table.name)} (${columns.map(q).join(', ')});`
  },
}
