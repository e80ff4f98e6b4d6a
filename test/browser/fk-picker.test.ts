// The foreign-key picker as a person uses it, in Debian's Chromium: typing part of a referenced row's
// name offers matching rows, the keyboard picks one, and the key lands in the field — on the edit form,
// and in a list's filter where the referenced table is too big for a select.
import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import { launchBrowser } from '../helpers/browser.js'
import { createSqliteDb, type TestDb } from '../helpers/test-db.js'

// 300 authors: more than a filter offers as a select, so the filter is a key box the picker enhances.
const setup = `
  create table author (id integer primary key, name text not null);
  with recursive n(i) as (select 1 union all select i + 1 from n where i < 300)
  insert into author select i, 'Author ' || printf('%03d', i) from n;
  update author set name = 'Zelda Quinn' where id = 277;
  create table book (id integer primary key, title text not null, author_id integer not null references author(id));
  insert into book values (1, 'First book', 1), (2, 'Second book', 2), (3, 'Third book', 277), (4, 'Fourth book', 5);
`

describe('foreign-key picker (sqlite)', () => {
  let testDb: TestDb
  let conn: Connection
  let server: Server
  let base: string
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  before(async () => {
    testDb = await createSqliteDb(setup)
    conn = await connect(testDb.url)
    const schema = await conn.dialect.introspect(conn.db)
    const admin = createAdmin({ db: conn.db, schema, checkDrift: false, secret: 'test' })
    server = serve({ fetch: admin.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    server?.closeAllConnections()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await conn?.close()
    await testDb?.drop()
  })

  test('on the edit form: type, pick with the keyboard, save', async () => {
    const page = await browser.context.newPage()
    page.setDefaultTimeout(5_000)
    await page.goto(`${base}/main/book/row/1/edit`)
    const field = page.getByRole('combobox', { name: 'Author', exact: true })
    await field.fill('')
    await field.pressSequentially('zeld')
    const option = page.getByRole('option', { name: 'Zelda Quinn' })
    await option.waitFor()
    await field.press('ArrowDown')
    await field.press('Enter')
    assert.equal(await field.inputValue(), '277')
    await page.getByRole('button', { name: 'Save book', exact: true }).click()
    await page.waitForURL(`${base}/main/book/row/1`)
    const stored = await conn.db.selectFrom('book').select('author_id').where('id', '=', 1).executeTakeFirst()
    assert.equal(Number(stored?.author_id), 277)
    await page.close()
  })

  test('typing into a box that holds a key searches by what is typed; picking sets the key', async () => {
    const page = await browser.context.newPage()
    page.setDefaultTimeout(5_000)
    await page.goto(`${base}/main/book/row/3/edit`)
    const field = page.getByRole('combobox', { name: 'Author', exact: true })
    assert.equal(await field.inputValue(), '277')
    // A click puts the caret after the key, where typing used to append to it (`277author 003`).
    await field.click()
    await field.press('End')
    await field.pressSequentially('author 003')
    assert.equal(await field.inputValue(), 'author 003')
    await page.getByRole('option', { name: 'Author 003' }).click()
    assert.equal(await field.inputValue(), '3')
    await page.getByRole('button', { name: 'Save book', exact: true }).click()
    await page.waitForURL(`${base}/main/book/row/3`)
    const stored = await conn.db.selectFrom('book').select('author_id').where('id', '=', 3).executeTakeFirst()
    assert.equal(Number(stored?.author_id), 3)
    await page.close()
  })

  test('without its script the box is a plain key input', async () => {
    const page = await browser.context.newPage()
    page.setDefaultTimeout(5_000)
    await page.route('**/*.js', (route) => route.abort())
    await page.goto(`${base}/main/book/row/4/edit`)
    assert.equal(await page.getByRole('combobox').count(), 0)
    const field = page.getByRole('textbox', { name: 'Author', exact: true })
    assert.equal(await field.inputValue(), '5')
    await field.fill('6')
    await page.getByRole('button', { name: 'Save book', exact: true }).click()
    await page.waitForURL(`${base}/main/book/row/4`)
    const stored = await conn.db.selectFrom('book').select('author_id').where('id', '=', 4).executeTakeFirst()
    assert.equal(Number(stored?.author_id), 6)
    await page.close()
  })

  test('in a list filter over a big table: type, pick, apply', async () => {
    const page = await browser.context.newPage()
    page.setDefaultTimeout(5_000)
    // The page's timers (the picker's typing delay) on a clock the test can move.
    await page.clock.install()
    const searches: Promise<unknown>[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).searchParams.has('q')) searches.push(request.response().then((r) => r?.finished()))
    })
    await page.goto(`${base}/main/book/`)
    const filters = page.getByRole('region', { name: 'Filters' })
    await filters.getByText('Filters', { exact: true }).click()
    const box = filters.getByRole('combobox', { name: 'Author' })
    await box.pressSequentially('author 002')
    await page.getByRole('option', { name: 'Author 002' }).click()
    assert.equal(await box.inputValue(), '2')
    // A search answered after the pick must not open the list again over the form: let every typing delay
    // run out, wait until every search asked for is answered, then look.
    await page.clock.runFor(1_000)
    await Promise.all(searches)
    await page.evaluate(() => undefined)
    assert.equal(await page.getByRole('listbox').isVisible(), false)
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL((url) => url.searchParams.get('f.author_id') === '2')
    const rows = page.getByRole('table', { name: /^Books: / }).getByRole('row')
    assert.equal(await rows.count(), 2, 'the header and the one matching book')
    assert.match(await rows.nth(1).innerText(), /Second book/)
    await page.close()
  })
})
