// Per-field options, fieldsets and Save as new as a user meets them in Chromium: a form in groups (one
// collapsed), a read-only value, help tied to its input, an untouched Save that writes nothing (a trigger
// counts UPDATEs), and Save as new that adds a copy and leaves the original alone.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { DialectName } from '../../src/introspect/metadata.js'
import type { StewardConfigInput } from '../../src/resources/define-config.js'
import { launchBrowser } from '../helpers/browser.js'
import { dialects, type TestDb } from '../helpers/test-db.js'

const setup: Record<DialectName, string> = {
  postgres: `
    create table book (id serial primary key, title text not null, isbn text unique, pages integer, notes text, internal text);
    create table writes (n integer not null);
    create function count_write() returns trigger language plpgsql as $$
      begin insert into writes values (1); return new; end $$;
    create trigger count_write after update on book for each row execute procedure count_write();
    insert into book (title, isbn, pages, notes, internal) values ('Dune', '978-0', 412, 'A classic.', 'shelf 4');`,
  sqlite: `
    create table book (id integer primary key, title text not null, isbn text unique, pages integer, notes text, internal text);
    create table writes (n integer not null);
    create trigger count_write after update on book begin insert into writes values (1); end;
    insert into book (title, isbn, pages, notes, internal) values ('Dune', '978-0', 412, 'A classic.', 'shelf 4');`,
}

const config: StewardConfigInput = {
  tables: {
    book: {
      saveAsNew: true,
      fields: {
        title: { help: 'As printed on the cover.' },
        notes: { readOnly: true },
        internal: { hidden: true },
      },
      fieldsets: [
        { title: 'Catalogue', description: 'How the library finds it.', fields: ['isbn', 'pages'] },
        { title: 'Remarks', fields: ['notes'], collapsed: true },
      ],
    },
  },
}

let browser: Awaited<ReturnType<typeof launchBrowser>>
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

for (const { name: dialect, create } of dialects) {
  describe(`form options in Chromium (${dialect})`, () => {
    let db: TestDb
    let connection: Connection
    let server: Server
    let base: string
    before(async () => {
      db = await create(setup[dialect])
      connection = await connect(db.url)
      const schema = await connection.dialect.introspect(connection.db)
      const admin = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'test', config })
      server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${connection.dialect.defaultSchema}/book`
    })
    after(async () => {
      server?.closeAllConnections()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      await connection?.close()
      await db?.drop()
    })

    const books = () => connection.db.selectFrom('book').selectAll().orderBy('id').execute()
    const writes = async () => (await connection.db.selectFrom('writes').selectAll().execute()).length

    test('fieldsets, a read-only value and help are what the user sees', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      try {
        await page.goto(`${base}/row/1/edit`)
        const catalogue = page.getByRole('group', { name: 'Catalogue' })
        await catalogue.getByRole('textbox', { name: 'Isbn' }).waitFor()
        assert.equal(await catalogue.getByRole('spinbutton', { name: 'Pages' }).inputValue(), '412')
        assert.match(await catalogue.innerText(), /How the library finds it\./)

        const title = page.getByRole('textbox', { name: 'Title' })
        const describedBy = (await title.getAttribute('aria-describedby')) ?? ''
        const descriptions = await Promise.all(
          describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()),
        )
        assert.ok(descriptions.includes('As printed on the cover.'), descriptions.join(' | '))

        assert.equal(await page.locator('[name="v:notes"]').count(), 0, 'the read-only field has no control')
        assert.equal(await page.locator('[name="v:internal"]').count(), 0, 'the hidden field is not on the form')
        const remarks = page.locator('details', { has: page.locator('summary', { hasText: 'Remarks' }) })
        assert.equal(await remarks.getByText('A classic.').isVisible(), false, 'collapsed until opened')
        await remarks.locator('summary').click()
        assert.equal(await remarks.getByText('A classic.').isVisible(), true)
      } finally {
        await page.close()
      }
    })

    test('an untouched Save writes nothing', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      try {
        const before = await books()
        await page.goto(`${base}/row/1/edit`)
        await Promise.all([
          page.waitForURL(/\/row\/1$/),
          page.getByRole('button', { name: 'Save book', exact: true }).click(),
        ])
        assert.match(
          await page
            .getByRole('status')
            .allInnerTexts()
            .then((t) => t.join(' ')),
          /No changes to save/,
        )
        assert.deepEqual(await books(), before)
        assert.equal(await writes(), 0, 'no UPDATE reached the table')
      } finally {
        await page.close()
      }
    })

    test('Save as new adds a copy with the values typed and leaves the original alone', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      try {
        const [original] = await books()
        await page.goto(`${base}/row/1/edit`)
        await page.getByRole('textbox', { name: 'Title' }).fill('Dune Messiah')
        await page.getByRole('textbox', { name: 'Isbn' }).fill('978-1')
        await Promise.all([
          page.waitForURL((url) => /\/row\/\d+$/.test(url.pathname) && !url.pathname.endsWith('/row/1')),
          page.getByRole('button', { name: 'Save as new' }).click(),
        ])
        assert.match(
          await page
            .getByRole('status')
            .allInnerTexts()
            .then((t) => t.join(' ')),
          /as a new row/,
        )
        const rows = await books()
        assert.equal(rows.length, 2)
        assert.deepEqual(rows[0], original)
        assert.equal(rows[1]!.title, 'Dune Messiah')
        assert.equal(rows[1]!.isbn, '978-1')
        assert.equal(Number(rows[1]!.pages), 412)
        assert.equal(rows[1]!.notes, null, 'a read-only field is not copied')
        assert.equal(rows[1]!.internal, null, 'a hidden field is not copied')
        assert.equal(await writes(), 0)
      } finally {
        await page.close()
      }
    })
  })
}
