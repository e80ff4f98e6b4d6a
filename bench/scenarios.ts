import { sql, type Kysely } from 'kysely'
import type { SchemaMetadata, Table } from '../src/introspect/metadata.js'
import { createUrls } from '../src/http/urls.js'
import { encodeRecordKey } from '../src/records/record-key.js'

/** The pages a support person opens all day, as paths on the demo database. */
/** Orders the save loop edits: enough distinct rows that 32 concurrent saves never touch the same one. */
export async function editPaths(db: Kysely<any>, schema: SchemaMetadata, count = 128): Promise<string[]> {
  const urls = createUrls('')
  const orders = schema.tables.find((t) => t.name === 'orders')!
  const { rows } = await sql<{ id: unknown }>`select id from orders order by id limit ${count}`.execute(db)
  return rows.map((row) => urls.edit(orders, encodeRecordKey([row.id])))
}

export async function scenarios(db: Kysely<any>, schema: SchemaMetadata): Promise<{ name: string; path: string }[]> {
  const urls = createUrls('')
  const table = (name: string): Table => {
    const found = schema.tables.find((t) => t.name === name)
    if (!found) throw new Error(`the demo database has no table ${name}`)
    return found
  }
  const orders = table('orders')
  const customers = table('customers')
  const count = Number((await sql<{ n: unknown }>`select count(*) as n from orders`.execute(db)).rows[0]?.n)
  const middle = (
    await sql<{ id: unknown }>`select id from orders order by id limit 1 offset ${Math.floor(count / 2)}`.execute(db)
  ).rows[0]?.id
  const someone = (
    await sql<{ name: string }>`select last_name as name from customers order by id limit 1 offset 100`.execute(db)
  ).rows[0]?.name
  return [
    { name: 'orders list, page 1', path: urls.list(orders) },
    {
      name: 'orders list, half-way (keyset)',
      path: urls.list(orders, [
        ['sort', 'id'],
        ['after', encodeRecordKey([middle])],
      ]),
    },
    { name: 'customers search', path: urls.list(customers, [['q', someone ?? 'Smith']]) },
    { name: 'orders filtered by status', path: urls.list(orders, [['f.status', 'shipped']]) },
    { name: 'order detail', path: urls.detail(orders, encodeRecordKey([middle])) },
    { name: 'order edit form', path: urls.edit(orders, encodeRecordKey([middle])) },
  ]
}
