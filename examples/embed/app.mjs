// A plain JavaScript Hono app that mounts Steward at /admin, behind its own login (HTTP Basic, two users
// from a table below), over a SQLite file it creates on first start. Run it with plain `node app.mjs`.
// Its config bends the admin to the shop: a hook, an action, a row scope and a computed column.
import { createHash, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { Hono } from 'hono'
import { basicAuth } from 'hono/basic-auth'
import { connect, createAdmin, defineConfig, Refusal } from 'steward'

const file = process.env.DB_FILE ?? 'bookshop.db'
const port = Number(process.env.PORT ?? 3000)

// The app's own users. A real app asks its user store; Steward only needs to hear who is asking.
const users = {
  alice: { password: process.env.ALICE_PASSWORD ?? 'alice', roles: ['admin'], shop: null },
  bob: { password: process.env.BOB_PASSWORD ?? 'bob', roles: ['viewer'], shop: 'Paris' },
}

const config = defineConfig({
  title: 'Bookshop admin',
  tables: {
    books: {
      // A row scope: Bob works in the Paris shop and sees its books only, everywhere (lists, pages, exports…).
      scope: (qb, { user }) => {
        const shop = user ? users[user.id]?.shop : null
        return shop ? qb.where('shop', '=', shop) : qb
      },
      // A hook, in the save's own transaction: tidy the title, refuse a year that has not come yet.
      hooks: {
        beforeSave: ({ values }) => {
          if (values.published != null && Number(values.published) > new Date().getFullYear())
            throw new Refusal('A book cannot be published in the future.', { field: 'published' })
          if (typeof values.title === 'string') return { ...values, title: values.title.trim() }
        },
      },
      // An action on the list's selection or one book's page, in one audited transaction.
      actions: {
        soldOut: {
          label: 'Mark sold out',
          permission: 'change',
          on: 'both',
          confirm: 'Mark these books sold out?',
          run: async ({ trx, rows }) => {
            await trx
              .updateTable('books')
              .set({ in_stock: 0 })
              .where(
                'id',
                'in',
                rows.map((row) => row.id),
              )
              .execute()
            return `${rows.length} book${rows.length === 1 ? '' : 's'} marked sold out.`
          },
        },
      },
    },
    authors: {
      // A computed column: sorted and filtered like a real one, computed by the database.
      computed: {
        books: {
          label: 'Books',
          sql: (eb) =>
            eb.selectFrom('books').select(eb.fn.countAll().as('n')).whereRef('books.author_id', '=', 'authors.id'),
        },
      },
    },
  },
})

if (!existsSync(file)) createBookshop(file)

const { db, dialect } = await connect(`sqlite:${file}`)
// Plain JavaScript cannot import the TypeScript `steward generate` writes, so read the tables at start-up.
const schema = await dialect.introspect(db)
const admin = createAdmin({
  db,
  schema,
  config,
  identity: (c) => c.get('user') ?? null,
})

const app = new Hono()
app.get('/', (c) => c.html('<h1>Bookshop</h1><p><a href="/admin/">Admin</a></p>'))
app.use(
  '/admin/*',
  basicAuth({
    realm: 'Bookshop admin',
    verifyUser: (name, password, c) => {
      const user = Object.hasOwn(users, name) ? users[name] : undefined
      if (!user || !samePassword(password, user.password)) return false
      c.set('user', { id: name, name, roles: user.roles })
      return true
    },
  }),
)
app.route('/admin', admin)

// This machine only: the passwords above are examples. Steward answers localhost and 127.0.0.1 by default
// (`allowedHosts` for other names).
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) =>
  console.log(`Bookshop admin on http://127.0.0.1:${info.port}/admin/`),
)

function samePassword(given, expected) {
  const digest = (text) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

function createBookshop(path) {
  const database = new Database(path)
  database.exec(`
    create table authors (id integer primary key, name text not null);
    create table books (
      id integer primary key,
      title text not null,
      author_id integer not null references authors (id),
      published integer check (published between 1450 and 2100),
      shop text not null check (shop in ('London', 'Paris')),
      in_stock integer not null default 1 check (in_stock in (0, 1))
    );
    insert into authors (id, name) values (1, 'Ursula K. Le Guin'), (2, 'Italo Calvino');
    insert into books (title, author_id, published, shop) values
      ('The Left Hand of Darkness', 1, 1969, 'London'),
      ('The Dispossessed', 1, 1974, 'London'),
      ('Invisible Cities', 2, 1972, 'Paris');
  `)
  database.close()
}
