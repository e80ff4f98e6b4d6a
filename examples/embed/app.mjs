// A plain JavaScript Hono app that mounts Steward at /admin, behind its own login (HTTP Basic, two users
// from a table below), over a SQLite file it creates on first start. Run it with plain `node app.mjs`.
import { createHash, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { Hono } from 'hono'
import { basicAuth } from 'hono/basic-auth'
import { connect, createAdmin } from 'steward'

const file = process.env.DB_FILE ?? 'bookshop.db'
const port = Number(process.env.PORT ?? 3000)

// The app's own users. A real app asks its user store; Steward only needs to hear who is asking.
const users = {
  alice: { password: process.env.ALICE_PASSWORD ?? 'alice', roles: ['admin'] },
  bob: { password: process.env.BOB_PASSWORD ?? 'bob', roles: ['viewer'] },
}

if (!existsSync(file)) createBookshop(file)

const { db, dialect } = await connect(`sqlite:${file}`)
// Plain JavaScript cannot import the TypeScript `steward generate` writes, so read the tables at start-up.
const schema = await dialect.introspect(db)
const admin = createAdmin({
  db,
  schema,
  config: { title: 'Bookshop admin' },
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
      published integer check (published between 1450 and 2100)
    );
    insert into authors (id, name) values (1, 'Ursula K. Le Guin'), (2, 'Italo Calvino');
    insert into books (title, author_id, published) values
      ('The Left Hand of Darkness', 1, 1969),
      ('The Dispossessed', 1, 1974),
      ('Invisible Cities', 2, 1972);
  `)
  database.close()
}
