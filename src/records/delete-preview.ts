import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely'
import type { ForeignKey, ReferentialAction, Table } from '../introspect/metadata.js'
import { tableId } from '../list/sql-identifiers.js'

/** One relation a delete reaches: the rows of `table` that point (through `foreignKey`) at rows being deleted. */
export interface DeleteEffect {
  readonly table: Pick<Table, 'schema' | 'name'>
  readonly foreignKey: Pick<ForeignKey, 'name' | 'columns' | 'refColumns' | 'onDelete'>
  /** 1 for rows pointing at the deleted rows themselves, 2 for rows pointing at those, … */
  readonly depth: number
  /** Rows affected, counted up to the cap. */
  readonly count: number
  /** True when there are more than `count` rows (shown as "1,000+"). */
  readonly capped: boolean
}

export interface DeletePreview {
  /** How many of the requested rows exist. */
  readonly rows: number
  readonly cascades: readonly DeleteEffect[]
  /** SET NULL and SET DEFAULT effects: rows that stay, with their reference cleared. */
  readonly cleared: readonly DeleteEffect[]
  /** RESTRICT / NO ACTION references that would make the delete fail. */
  readonly blockers: readonly DeleteEffect[]
  /** The walk stopped at the depth or relation limit; more may be affected than listed. */
  readonly incomplete: boolean
}

export interface PreviewOptions {
  readonly cap?: number
  readonly maxDepth?: number
  readonly maxRelations?: number
  /** The root rows the user may delete (see `scopedRows`): keys outside them count for nothing. */
  readonly rootRows?: Expression<unknown>
}

/** The rows deleted at one level of the walk. */
export interface Level {
  readonly table: Table
  readonly alias: string
  /** Which rows of `table` (as `alias`) are deleted at this level. */
  readonly condition: RawBuilder<unknown>
  readonly depth: number
  /** What `table` is read from, when not the table itself (the root's scoped rows). */
  readonly from?: Expression<unknown>
}

const effectOf: Readonly<Record<ReferentialAction, 'cascades' | 'cleared' | 'blockers'>> = {
  cascade: 'cascades',
  'set null': 'cleared',
  'set default': 'cleared',
  restrict: 'blockers',
  'no action': 'blockers',
}

/**
 * What deleting the rows with `keys` would do, from the metadata's foreign keys: walks ON DELETE CASCADE
 * recursively, one capped count per relation (a LIMIT inside the count keeps huge tables cheap), and
 * collects SET NULL effects and blocking references along the way. Read-only; run it in a transaction
 * with a statement timeout for big databases.
 */
export async function previewDelete(
  db: Kysely<any>,
  tables: readonly Table[],
  root: Table,
  keyColumns: readonly string[],
  keys: readonly RowKey[],
  options: PreviewOptions = {},
): Promise<DeletePreview> {
  const cap = options.cap ?? 1000
  const rootLevel: Level = {
    table: root,
    alias: 't0',
    condition: keysCondition('t0', keyColumns, keys),
    depth: 0,
    ...(options.rootRows ? { from: options.rootRows } : {}),
  }
  const rootFrom = options.rootRows ?? tableId(root)
  const rows = Number(
    (await sql<{ n: unknown }>`select count(*) as n from ${rootFrom} as t0 where ${rootLevel.condition}`.execute(db))
      .rows[0]?.n ?? 0,
  )
  const found: Record<'cascades' | 'cleared' | 'blockers', DeleteEffect[]> = { cascades: [], cleared: [], blockers: [] }
  const incomplete = await walkDelete(
    db,
    tables,
    rootLevel,
    options,
    async ({ table, fk, alias, condition, depth }) => {
      // Rows of the root table that are themselves being deleted do not block (a self-reference within the set).
      if (depth === 1 && table === root && effectOf[fk.onDelete] === 'blockers') {
        condition = sql`${condition} and not (${keysCondition(alias, keyColumns, keys)})`
      }
      const count = Number(
        (
          await sql<{ n: unknown }>`select count(*) as n from (select 1 from ${tableId(table)} as ${sql.id(alias)}
          where ${condition} limit ${cap + 1}) as counted`.execute(db)
        ).rows[0]?.n ?? 0,
      )
      if (count === 0) return false
      found[effectOf[fk.onDelete]].push({
        table: { schema: table.schema, name: table.name },
        foreignKey: { name: fk.name, columns: fk.columns, refColumns: fk.refColumns, onDelete: fk.onDelete },
        depth,
        count: Math.min(count, cap),
        capped: count > cap,
      })
      return true
    },
  )
  return { rows, ...found, incomplete }
}

/** One relation a delete reaches: the rows of `table` (as `alias`) matching `condition` point at deleted rows through `fk`. */
export interface Reach {
  readonly table: Table
  readonly fk: ForeignKey
  readonly alias: string
  readonly condition: RawBuilder<unknown>
  readonly depth: number
}

/**
 * Walks the relations a delete of the rows matching `root` reaches, breadth first: every foreign key
 * pointing at a deleted table, and on through ON DELETE CASCADE where `visit` says rows were found.
 * Returns true when it stopped at the depth or relation limit (more may be reached than visited).
 */
export async function walkDelete(
  db: Kysely<any>,
  tables: readonly Table[],
  root: Level,
  options: Pick<PreviewOptions, 'maxDepth' | 'maxRelations'>,
  visit: (reach: Reach) => Promise<boolean>,
): Promise<boolean> {
  const maxDepth = options.maxDepth ?? 6
  const maxRelations = options.maxRelations ?? 40
  let relations = 0
  let incomplete = false
  let aliases = 0
  const queue: Level[] = [root]
  while (queue.length > 0) {
    const parent = queue.shift()!
    for (const { table, fk } of referencing(tables, parent.table)) {
      if (relations >= maxRelations || parent.depth >= maxDepth) {
        incomplete = true
        continue
      }
      relations++
      const alias = `t${++aliases}`
      const pointsAtParent = sql.join(
        fk.columns.map((column, i) => sql`${sql.id(parent.alias, fk.refColumns[i]!)} = ${sql.id(alias, column)}`),
        sql` and `,
      )
      const condition: RawBuilder<unknown> = sql`exists (select 1 from ${parent.from ?? tableId(parent.table)} as ${sql.id(parent.alias)}
        where ${pointsAtParent} and ${parent.condition})`
      const depth = parent.depth + 1
      const found = await visit({ table, fk, alias, condition, depth })
      if (found && fk.onDelete === 'cascade') queue.push({ table, alias, condition, depth })
    }
  }
  return incomplete
}

/** Foreign keys (of any table) that point at `target`, in metadata order. */
function referencing(tables: readonly Table[], target: Table): { table: Table; fk: ForeignKey }[] {
  return tables.flatMap((table) =>
    table.foreignKeys
      .filter((fk) => fk.refSchema === target.schema && fk.refTable === target.name)
      .map((fk) => ({ table, fk })),
  )
}

/** A row to delete: its values of the key columns, or other columns that find it (SQLite's rowid). */
export type RowKey = readonly unknown[] | { readonly columns: readonly string[]; readonly values: readonly unknown[] }

/** `(a.k1 = $1 and a.k2 = $2) or (…)`, null-safe, for the rows being deleted. */
export function keysCondition(
  alias: string,
  keyColumns: readonly string[],
  keys: readonly RowKey[],
): RawBuilder<unknown> {
  if (keys.length === 0) return sql`1 = 0`
  const one = (key: RowKey) => {
    const { columns, values } = isKeyValues(key) ? { columns: keyColumns, values: key } : key
    return sql`(${sql.join(
      columns.map((column, i) =>
        values[i] === null || values[i] === undefined
          ? sql`${sql.id(alias, column)} is null`
          : sql`${sql.id(alias, column)} = ${values[i]}`,
      ),
      sql` and `,
    )})`
  }
  return sql`(${sql.join(keys.map(one), sql` or `)})`
}

function isKeyValues(key: RowKey): key is readonly unknown[] {
  return Array.isArray(key)
}
