import { sql, type Kysely } from 'kysely'

/**
 * The raw SQLite catalog of the `main` database, read with the pragma table-valued functions in a few
 * set-based queries (https://www.sqlite.org/pragma.html#pragfunc). Names go to the pragmas as bound
 * values. Internal `sqlite_*` tables and the shadow tables of virtual tables are left out.
 */
export interface SqliteCatalog {
  readonly relations: readonly RelationRow[]
  /** By relation name, in cid order; relations whose columns cannot be read are absent. */
  readonly columns: ReadonlyMap<string, readonly ColumnRow[]>
  readonly foreignKeys: ReadonlyMap<string, readonly ForeignKeyRow[]>
  /** Key columns of every index, by table name, ordered by index name then position. */
  readonly indexColumns: ReadonlyMap<string, readonly IndexColumnRow[]>
}

export interface RelationRow {
  readonly name: string
  readonly type: 'table' | 'view' | 'virtual'
  /** 1 for WITHOUT ROWID. */
  readonly wr: number
  readonly strict: number
  readonly sql: string | null
}

export interface ColumnRow {
  readonly table: string
  readonly cid: number
  readonly name: string
  readonly type: string
  readonly notnull: number
  readonly dflt_value: string | null
  /** 1-based position in the primary key, 0 when not part of it. */
  readonly pk: number
  /** 0 plain, 1 hidden column of a virtual table, 2 generated virtual, 3 generated stored. */
  readonly hidden: number
}

export interface ForeignKeyRow {
  readonly table: string
  readonly id: number
  readonly seq: number
  /** The parent as written in REFERENCES, which may differ in case from its real name. */
  readonly ref_table: string
  readonly from: string
  /** Null when REFERENCES names no columns: the parent's primary key is meant. */
  readonly to: string | null
  readonly on_update: string
  readonly on_delete: string
}

export interface IndexColumnRow {
  readonly table: string
  readonly index_name: string
  readonly unique: number
  /** `c` CREATE INDEX, `u` UNIQUE constraint, `pk` PRIMARY KEY. */
  readonly origin: 'c' | 'u' | 'pk'
  readonly partial: number
  readonly seqno: number
  /** -2 for an expression, -1 for the rowid. */
  readonly cid: number
  readonly column_name: string | null
  readonly sql: string | null
}

const inMain = sql`t.schema = 'main' and lower(substr(t.name, 1, 7)) <> 'sqlite_'`

export async function readSqliteCatalog(db: Kysely<any>): Promise<SqliteCatalog> {
  const relations = (
    await sql<RelationRow>`
      select t.name, t.type, t.wr, t.strict, s.sql
      from pragma_table_list t
      left join main.sqlite_schema s on s.name = t.name and s.type in ('table', 'view')
      where ${inMain} and t.type in ('table', 'view', 'virtual')`.execute(db)
  ).rows.map((row) => ({ ...row, wr: Number(row.wr), strict: Number(row.strict) }))

  const foreignKeys = await sql<ForeignKeyRow>`
    select t.name as "table", f.id, f.seq, f."table" as ref_table, f."from", f."to", f.on_update, f.on_delete
    from pragma_table_list t, pragma_foreign_key_list(t.name, 'main') f
    where ${inMain} and t.type = 'table'
    order by t.name, f.id, f.seq`.execute(db)

  const indexColumns = await sql<IndexColumnRow>`
    select t.name as "table", il.name as index_name, il."unique", il.origin, il.partial,
           ix.seqno, ix.cid, ix.name as column_name, s.sql
    from pragma_table_list t, pragma_index_list(t.name, 'main') il, pragma_index_xinfo(il.name, 'main') ix
    left join main.sqlite_schema s on s.type = 'index' and s.name = il.name
    where ${inMain} and t.type = 'table' and ix.key = 1
    order by t.name, il.name, ix.seqno`.execute(db)

  return {
    relations,
    columns: await readColumns(db, relations),
    foreignKeys: groupBy(foreignKeys.rows.map(numeric('id', 'seq'))),
    indexColumns: groupBy(indexColumns.rows.map(numeric('unique', 'partial', 'seqno', 'cid'))),
  }
}

/**
 * One query for all columns. A view over a dropped table, or a virtual table whose module is not
 * loaded, makes `pragma_table_xinfo` fail and with it the whole query; then each relation is read
 * alone, and an unreadable one gets no columns (its page then shows the error).
 */
async function readColumns(db: Kysely<any>, relations: readonly RelationRow[]): Promise<Map<string, ColumnRow[]>> {
  const columnsOf = (rows: readonly ColumnRow[]) =>
    groupBy(rows.map(numeric('cid', 'notnull', 'pk', 'hidden')).sort((a, b) => a.cid - b.cid))
  try {
    const all = await sql<ColumnRow>`
      select t.name as "table", c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
      from pragma_table_list t, pragma_table_xinfo(t.name, 'main') c
      where ${inMain} and t.type in ('table', 'view', 'virtual')`.execute(db)
    return columnsOf(all.rows)
  } catch {
    const rows: ColumnRow[] = []
    for (const relation of relations) {
      try {
        const one = await sql<ColumnRow>`
          select ${relation.name} as "table", cid, name, type, "notnull", dflt_value, pk, hidden
          from pragma_table_xinfo(${relation.name}, 'main')`.execute(db)
        rows.push(...one.rows)
      } catch {
        // unreadable relation: no columns, see above
      }
    }
    return columnsOf(rows)
  }
}

/** Integers arrive as numbers or, without Steward's plugin, as BigInts; catalog numbers are small. */
function numeric<T>(...keys: (keyof T)[]): (row: T) => T {
  return (row) => {
    const copy = { ...row }
    for (const key of keys) copy[key] = Number(copy[key]) as T[keyof T]
    return copy
  }
}

function groupBy<T extends { table: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(row.table)
    if (group) group.push(row)
    else groups.set(row.table, [row])
  }
  return groups
}
