import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { connect, type Connection } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { SchemaMetadata } from '../../src/introspect/metadata.js'
import { dialects, type TestDb } from '../helpers/test-db.js'
import { capturingConsoleErrors, hrefs, leaksIn, listPathOf } from './crawl-pages.js'
import { crawlSetupSql } from './crawl-setup.js'
import { databaseFingerprint } from './database-fingerprint.js'
import { formRequest, listRequest, recordRequest, seededRandom, type FuzzRequest } from './fuzz-requests.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

/** Bounds: the same requests on every run, about 2,000 per dialect, a few seconds each. */
const seed = 0x5eed_0007
const requestsPerDialect = 2_000
const getsPerCheck = 100

// Columns the awkward fixtures lack: money, bit and interval on Postgres, INTERVAL and MONEY on SQLite.
const extraTables = {
  postgres: `create table fuzz_extras (id integer primary key, cash money, span interval not null default '1 day',
      bits bit(4), note text);
    insert into fuzz_extras values (1, 12.5, '1 day 02:00:00', B'1010', 'one'), (2, null, 'P1Y', null, null);`,
  sqlite: `create table fuzz_extras (id integer primary key, cash MONEY, span INTERVAL not null default '1 day', note TEXT);
    insert into fuzz_extras values (1, 12.5, '1 day 02:00:00', 'one'), (2, null, 'P1Y', null);`,
}

// What a database error looks like in a page; the request pools contain none of these words.
const driverText =
  /invalid input syntax|syntax error|SQLITE_|SqliteError|relation "|operator does not exist|invalid byte sequence|out of range for type|could not identify|violates|unterminated|TypeError|RangeError|URIError/i

interface Outcome {
  readonly request: FuzzRequest
  readonly status: number
}

function fuzzSuite(dialect: 'sqlite' | 'postgres', open: (setupSql: string) => Promise<TestDb>) {
  describe(`fuzz: bad input on ${dialect}`, () => {
    let testDb: TestDb
    let connection: Connection
    const outcomes: Outcome[] = []
    const problems: string[] = []

    before(async () => {
      testDb = await open(`${crawlSetupSql(dialect)}\n${extraTables[dialect]}`)
      connection = await connect(testDb.url)
      const schema = await connection.dialect.introspect(connection.db)
      await capturingConsoleErrors((logged) => run(connection, schema, logged))
    })
    after(async () => {
      await connection?.close()
      await testDb?.drop()
    })

    async function run(connection: Connection, schema: SchemaMetadata, logged: string[]) {
      const app = createAdmin({ db: connection.db, schema, checkDrift: false, secret: 'fuzz' })
      const fingerprint = databaseFingerprint(connection, schema)
      const random = seededRandom(seed)
      let cookie = ''
      const send = async (request: FuzzRequest) => {
        const headers = new Headers(request.headers)
        if (cookie && !(request.label === 'form' && random.int(8) === 0)) headers.set('Cookie', cookie)
        const response = await app.request(request.path, {
          method: request.method,
          headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
        })
        const html = await response.text()
        outcomes.push({ request, status: response.status })
        return { response, html }
      }
      // A browser's first visit: the CSRF cookie, its token, and some existing rows to edit and delete.
      const first = await send({ label: 'start', method: 'GET', path: `${listPathOf(schema.tables[0]!)}new` })
      cookie = first.response.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ')
      const token = new RegExp(`name="${csrfField}" value="([^"]*)"`).exec(first.html)?.[1] ?? ''
      assert.ok(token, 'a form page carries a CSRF token')
      const rowPaths: string[] = []
      for (const table of schema.tables) {
        const list = await send({ label: 'list', method: 'GET', path: listPathOf(table) })
        rowPaths.push(
          ...hrefs(list.html)
            .filter((h) => /\/row\/[^/]*$/.test(h))
            .slice(0, 3),
        )
      }

      let baseline = await fingerprint()
      let unchecked: FuzzRequest[] = []
      const check = async (changedBy?: FuzzRequest) => {
        const now = await fingerprint()
        if (now !== baseline && !changedBy)
          problems.push(`the database changed during refused requests: ${unchecked.map(show).join(' | ')}`)
        baseline = now
        unchecked = []
      }
      while (outcomes.length < requestsPerDialect) {
        const table = random.pick(schema.tables)
        const roll = random.int(20)
        const request =
          roll < 9
            ? listRequest(random, table)
            : roll < 14
              ? recordRequest(random, table)
              : formRequest(random, table, { token, rowPaths })
        logged.length = 0
        const { response, html } = await send(request).catch((error: unknown) => {
          problems.push(`${show(request)}: threw ${String(error)}`)
          return { response: new Response(null, { status: 599 }), html: '' }
        })
        const status = response.status
        // The database's own refusal is a last line of defence: here every value must be refused before SQL.
        if (logged.some((line) => line.includes('refused a value')))
          problems.push(
            `${show(request)}: reached the database and was refused there: ${logged.join(' ').slice(0, 300)}`,
          )
        if (status >= 500) problems.push(`${show(request)}: ${status} ${logged.join(' ').slice(0, 300)}`)
        const leak = driverText.exec(html)
        if (leak) problems.push(`${show(request)}: shows "${leak[0]}"`)
        if ((response.headers.get('content-type') ?? '').includes('text/html'))
          for (const found of leaksIn(html)) problems.push(`${show(request)}: ${found}`)
        // A NUL in the address is refused before the body is looked at.
        const nulInPath = request.path.split('?')[0]!.includes('%00')
        if (request.shape === 'not-a-form' && status !== 415 && !(nulInPath && status === 400))
          problems.push(`${show(request)}: ${status}, not 415`)
        // Without the token in a header the CSRF check must read the broken body itself.
        const bodyRead = !request.headers?.['x-csrf-token']
        if (request.shape === 'malformed' && bodyRead && status !== 400 && status !== 403)
          problems.push(`${show(request)}: ${status}, not 400 or 403`)
        unchecked.push(request)
        // A write that went through may change the database; everything else must leave it byte-identical.
        if (request.method === 'POST') await check(status === 303 ? request : undefined)
        else if (unchecked.length >= getsPerCheck) await check()
      }
      await check()
    }

    it(`sends about ${requestsPerDialect} requests: lists, record pages and forms`, () => {
      assert.ok(outcomes.length >= requestsPerDialect, `${outcomes.length} requests`)
      for (const label of ['list', 'record', 'form', 'not a form', 'malformed form'])
        assert.ok(outcomes.filter((o) => o.request.label === label).length > 50, `enough ${label} requests`)
      const statuses = new Map<number, number>()
      for (const { status } of outcomes) statuses.set(status, (statuses.get(status) ?? 0) + 1)
      console.log(
        `fuzz ${dialect}: ${outcomes.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      )
    })

    it('answers every request without a server error or driver text, refusing bodies that are not forms', () => {
      assert.deepEqual(problems, [])
    })
  })
}

/** A request in one line for a failure message, NUL bytes visible. */
function show(request: FuzzRequest): string {
  const body =
    typeof request.body === 'string'
      ? request.body
      : request.body instanceof URLSearchParams
        ? request.body.toString()
        : request.body
          ? `multipart ${[...request.body.keys()].join(',')}`
          : ''
  return `${request.method} ${request.path.slice(0, 200)} ${body.slice(0, 200)}`.replaceAll('\0', '\\0')
}

for (const { name, create } of dialects) fuzzSuite(name, create)
