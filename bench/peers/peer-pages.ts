import { sql, type Kysely } from 'kysely'
import { createUrls } from '../../src/http/urls.js'
import type { SchemaMetadata, Table } from '../../src/introspect/metadata.js'
import { encodeRecordKey } from '../../src/records/record-key.js'

/** One page as each admin spells it: the same rows, in the same order, 50 to a page. */
export interface PeerPage {
  readonly name: string
  readonly steward: string
  readonly django: string
}

/**
 * The pages of the Django harness's `bench_urls.py`, in its order (the slow change form last), with the
 * values it uses at SCALE=1: order 12345, page 2000 (OFFSET 99950), the search fragment `anna.kim`. At a
 * smaller scale the page and the order are brought inside the data and the fragment is one that matches.
 * Django orders both lists by `-id` (its ModelAdmin `ordering`), so Steward's lists are asked for `sort=-id`.
 * The harness's orders search (`customer__email`) has no Steward equivalent on the orders list, so the
 * customers list is searched instead, on both.
 */
export async function peerPages(db: Kysely<any>, schema: SchemaMetadata): Promise<PeerPage[]> {
  const urls = createUrls('')
  const table = (name: string): Table => {
    const found = schema.tables.find((t) => t.name === name)
    if (!found) throw new Error(`the shop database has no table ${name}`)
    return found
  }
  const orders = table('orders')
  const customers = table('customers')
  const count = Number((await sql<{ n: unknown }>`select count(*) as n from orders`.execute(db)).rows[0]?.n)
  const deepPage = Math.max(1, Math.min(2000, Math.ceil(count / 50)))
  const orderId = await existingOrder(db, count)
  const fragment = await searchFragment(db)
  const newestFirst = [['sort', '-id']] as const
  return [
    { name: 'admin index', steward: urls.index(), django: '/admin/' },
    { name: 'customers list', steward: urls.list(customers, newestFirst), django: '/admin/shop/customers/' },
    { name: 'orders list, page 1', steward: urls.list(orders, newestFirst), django: '/admin/shop/orders/' },
    {
      name: `orders list, page ${deepPage}`,
      steward: urls.list(orders, [...newestFirst, ['page', String(deepPage)]]),
      django: `/admin/shop/orders/?p=${deepPage}`,
    },
    {
      name: `customers search "${fragment}"`,
      steward: urls.list(customers, [['q', fragment]]),
      django: `/admin/shop/customers/?q=${encodeURIComponent(fragment)}`,
    },
    {
      name: 'orders filtered by status',
      steward: urls.list(orders, [...newestFirst, ['f.status', 'pending']]),
      django: '/admin/shop/orders/?status__exact=pending',
    },
    {
      name: `order ${orderId} edit form`,
      steward: urls.edit(orders, encodeRecordKey([orderId])),
      django: `/admin/shop/orders/${orderId}/change/`,
    },
  ]
}

async function existingOrder(db: Kysely<any>, count: number): Promise<number> {
  const { rows } = await sql<{ id: unknown }>`select id from orders where id = 12345`.execute(db)
  if (rows.length > 0) return 12345
  const middle = await sql<{
    id: unknown
  }>`select id from orders order by id limit 1 offset ${Math.floor(count / 2)}`.execute(db)
  return Number(middle.rows[0]?.id)
}

/** `anna.kim` (7 customers at SCALE=1), else the name part of an e-mail that exists, such as `jana.martinez`. */
async function searchFragment(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ email: string }>`select email from customers
    where email like '%anna.kim%' or email like '%.%@%' order by email like '%anna.kim%' desc, id limit 1`.execute(db)
  const email = rows[0]?.email ?? 'anna.kim'
  return email.includes('anna.kim') ? 'anna.kim' : email.replace(/\d*@.*$/, '')
}
