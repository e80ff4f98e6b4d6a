import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { connect, type Connection, type ConnectOptions } from '../../src/db/connect.js'
import { createAdmin } from '../../src/http/create-admin.js'
import type { StewardConfig } from '../../src/resources/define-config.js'
import { startPgServer, type PgServer } from '../helpers/pg-server.js'
import { createPostgresDb, dialects, type TestDb } from '../helpers/test-db.js'
import { EditClient, readForm, withValue } from './edit-client.js'

// `slow` sleeps in the database for as long as a test needs a request to be in flight; its
// text column makes it searchable. Each sleeping backend shows up in pg_stat_activity as PgSleep.
const setup = `
  create table fast (id integer primary key, name text);
  insert into fast values (1, 'one'), (2, 'two');
  create view slow as select 1 as id, pg_sleep(8)::text as x;
  create table slow_save (id integer primary key, name text);
  insert into slow_save values (1, 'before');
  create function sleep_first() returns trigger language plpgsql as $$ begin perform pg_sleep(8); return new; end $$;
  create trigger slow_save_update before update on slow_save for each row execute function sleep_first();`

interface Admin {
  readonly connection: Connection
  readonly client: EditClient
  request(path: string, init?: RequestInit): Promise<Response>
}

async function openAdmin(url: string, config: StewardConfig = {}, options: ConnectOptions = {}): Promise<Admin> {
  const connection = await connect(url, options)
  const schema = await connection.dialect.introspect(connection.db)
  const app = createAdmin({
    db: connection.db,
    schema,
    config: { statementTimeoutMs: 20_000, ...config },
    checkDrift: false,
  })
  return { connection, client: new EditClient(app), request: async (path, init) => app.request(path, init) }
}

/** The pids of backends of `url`'s database sleeping in pg_sleep, once there are `count` of them. */
async function sleepingBackends(url: string, count: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await client.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'`,
      )
      if (rows.length >= count) return rows.map((row) => row.pid)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`fewer than ${count} requests reached pg_sleep`)
  } finally {
    await client.end()
  }
}

async function cancelSleepers(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(
    `select pg_cancel_backend(pid) from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'`,
  )
  await client.end()
}

/** Status, Retry-After and whether the page shows driver text, read in full. */
async function outcome(response: Response): Promise<{ status: number; retryAfter: string | null; html: string }> {
  return { status: response.status, retryAfter: response.headers.get('retry-after'), html: await response.text() }
}

const driverText =
  /terminating connection|Connection terminated|ECONNREFUSED|ECONNRESET|not queryable|timeout exceeded|SQLITE_/

describe('Postgres faults on the shared server', () => {
  let testDb: TestDb
  before(async () => {
    testDb = await createPostgresDb(setup)
  })
  after(async () => {
    await cancelSleepers(testDb.url)
    await testDb.drop()
  })

  it('a backend terminated under an in-flight request: that request gets 503, the process lives, the next succeeds', async () => {
    const admin = await openAdmin(testDb.url)
    try {
      const inFlight = admin.request('/public/slow/')
      const [pid] = await sleepingBackends(testDb.url, 1)
      const killer = new pg.Client({ connectionString: testDb.url })
      await killer.connect()
      await killer.query('select pg_terminate_backend($1)', [pid])
      await killer.end()
      const page = await outcome(await inFlight)
      assert.equal(page.status, 503)
      assert.ok(page.retryAfter, 'Retry-After')
      assert.match(page.html, /Database unavailable/)
      assert.doesNotMatch(page.html, driverText)
      assert.equal((await admin.request('/public/fast/')).status, 200)
      assert.equal((await admin.request('/public/fast/')).status, 200)
    } finally {
      await admin.connection.close()
    }
  })

  it('a backend terminated during a save: 503 with the form kept and nothing saved', async () => {
    const admin = await openAdmin(testDb.url)
    try {
      const form = readForm((await admin.client.get('/public/slow_save/row/1/edit')).html, '/edit')
      const saving = admin.client.post(form.action, withValue(form.pairs, 'v:name', 'after'))
      const [pid] = await sleepingBackends(testDb.url, 1)
      const killer = new pg.Client({ connectionString: testDb.url })
      await killer.connect()
      await killer.query('select pg_terminate_backend($1)', [pid])
      await killer.end()
      const response = await saving
      const html = await response.text()
      assert.equal(response.status, 503)
      assert.ok(response.headers.get('retry-after'))
      assert.match(html, /cannot be reached at the moment\. Nothing was saved/)
      assert.match(html, /value="after"/)
      assert.doesNotMatch(html, driverText)
      const row = await admin.connection.db.selectFrom('slow_save').select('name').executeTakeFirstOrThrow()
      assert.equal(row.name, 'before')
    } finally {
      await admin.connection.close()
    }
  })

  it('an exhausted pool answers 503 "busy" while the slow requests still run', async () => {
    const admin = await openAdmin(testDb.url, {}, { poolSize: 2 })
    try {
      const slow = [admin.request('/public/slow/'), admin.request('/public/slow/')]
      let slowDone = false
      void Promise.allSettled(slow).then(() => (slowDone = true))
      await sleepingBackends(testDb.url, 2)
      const pages = await Promise.all([1, 2, 3].map(() => admin.request('/public/fast/').then(outcome)))
      assert.equal(slowDone, false, 'answered before the pool came free')
      for (const page of pages) {
        assert.equal(page.status, 503)
        assert.ok(page.retryAfter)
        assert.match(page.html, /Database busy/)
      }
      await cancelSleepers(testDb.url)
      await Promise.allSettled(slow)
      assert.equal((await admin.request('/public/fast/')).status, 200)
    } finally {
      await admin.connection.close()
    }
  })

  it('a search waiting for a permit runs as soon as one comes free', async () => {
    // Long enough that the wait never ends before the test frees the permit, however busy the machine.
    const admin = await openAdmin(testDb.url, { maxExpensiveQueries: 1, expensiveWaitMs: 60_000 }, { poolSize: 4 })
    try {
      const holder = admin.request('/public/slow/?q=a')
      await sleepingBackends(testDb.url, 1)
      const waiting = admin.request('/public/fast/?q=one')
      await cancelSleepers(testDb.url)
      await holder
      assert.equal((await waiting).status, 200, 'it waited for the permit instead of being refused')
    } finally {
      await admin.connection.close()
    }
  })

  it('searches and exports beyond maxExpensiveQueries wait a moment, then are refused; plain pages keep answering', async () => {
    const admin = await openAdmin(testDb.url, { maxExpensiveQueries: 1 }, { poolSize: 4 })
    try {
      const search = admin.request('/public/slow/?q=a')
      await sleepingBackends(testDb.url, 1)
      for (const path of ['/public/fast/?q=one', '/public/fast/export.csv']) {
        const page = await outcome(await admin.request(path))
        assert.equal(page.status, 503, path)
        assert.ok(page.retryAfter)
        assert.match(page.html, /Too many searches and exports/)
      }
      assert.equal((await admin.request('/public/fast/')).status, 200)
      assert.equal((await admin.request('/public/fast/row/1')).status, 200)
      await cancelSleepers(testDb.url)
      await search
      const head = await admin.request('/public/fast/export.csv', { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal((await admin.request('/public/fast/?q=one')).status, 200, 'the permits are given back')
    } finally {
      await admin.connection.close()
    }
  })
})

describe('Postgres stopped and started again under load (a server of its own)', () => {
  let server: PgServer
  before(async () => {
    server = await startPgServer()
    const client = new pg.Client({ connectionString: server.url })
    await client.connect()
    await client.query(setup)
    await client.end()
  })
  after(async () => {
    await server.stop()
  })

  it('answers 503 while the server is down and recovers by itself when it is back', async () => {
    const admin = await openAdmin(server.url)
    const statuses: number[] = []
    let loading = true
    let answered = () => {}
    const firstAnswer = new Promise<void>((resolve) => (answered = resolve))
    const load = (async () => {
      while (loading) {
        const page = await outcome(await admin.request('/public/fast/'))
        statuses.push(page.status)
        answered()
        assert.doesNotMatch(page.html, driverText)
        if (page.status === 503) assert.ok(page.retryAfter)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    try {
      assert.equal((await admin.request('/healthz')).status, 200)
      const form = readForm((await admin.client.get('/public/fast/row/1/edit')).html, '/edit')
      // The load has had its answer from the running server before it stops.
      await firstAnswer
      await server.pause()
      const save = await admin.client.post(form.action, withValue(form.pairs, 'v:name', 'uno'))
      assert.equal(save.status, 503, 'a save while the server is down')
      assert.doesNotMatch(await save.text(), driverText)
      for (const path of ['/public/fast/', '/', '/public/fast/row/1', '/public/fast/row/1/edit']) {
        const down = await outcome(await admin.request(path))
        assert.equal(down.status, 503, path)
        assert.match(down.html, /Database unavailable/)
      }
      const health = await admin.request('/healthz')
      assert.equal(health.status, 503)
      assert.equal(await health.text(), 'unavailable')
      await server.resume()
      let status = 0
      for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
        status = (await admin.request('/public/fast/')).status
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      assert.equal(status, 200, 'recovered without a restart')
      assert.equal((await admin.request('/healthz')).status, 200)
    } finally {
      loading = false
      await load
      await admin.connection.close()
    }
    assert.deepEqual([...new Set(statuses)].sort(), [200, 503], 'only 200s and 503s under load')
  })

  it('an admin started while the server is down answers 503, then sets itself up (audit log too) when it is back', async () => {
    const connection = await connect(server.url)
    const schema = await connection.dialect.introspect(connection.db)
    try {
      await server.pause()
      const app = createAdmin({ db: connection.db, schema, audit: { target: 'steward.audit_log' } })
      const client = new EditClient(app)
      assert.equal((await client.get('/public/fast/')).status, 503)
      await server.resume()
      let status = 0
      for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
        status = (await client.get('/public/fast/row/2/edit')).status
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      assert.equal(status, 200)
      const form = readForm((await client.get('/public/fast/row/2/edit')).html, '/edit')
      await client.follow(await client.post(form.action, withValue(form.pairs, 'v:name', 'deux')))
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from steward.audit_log`.execute(connection.db)
      assert.equal(rows[0]?.n, 1, 'the audit table was created after the server came back')
    } finally {
      await connection.close()
    }
  })
})

for (const { name, create } of dialects) {
  describe(`GET /healthz on ${name}`, () => {
    it('answers 200 ok, without the layout', async () => {
      const testDb = await create('create table t (id integer primary key);')
      const admin = await openAdmin(testDb.url)
      try {
        const response = await admin.request('/healthz')
        assert.equal(response.status, 200)
        assert.equal(await response.text(), 'ok')
        assert.equal(response.headers.get('cache-control'), 'no-store')
      } finally {
        await admin.connection.close()
        await testDb.drop()
      }
    })
  })
}
